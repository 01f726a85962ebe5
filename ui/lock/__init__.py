"""The idle lock."""
