"""Small widgets and helpers that several screens share."""
