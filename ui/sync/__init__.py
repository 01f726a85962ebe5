"""Synchronisation windows: the conflict inbox."""
