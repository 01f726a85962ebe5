"""Synthetic demo data: realistic Herent households for demonstrations, training and speed tests."""
