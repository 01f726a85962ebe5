"""Persons, households, facts, contacts and decisions: the services the intake desk calls."""
