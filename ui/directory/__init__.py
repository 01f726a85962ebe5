"""The sociale kaart: partner organisations and their services."""
