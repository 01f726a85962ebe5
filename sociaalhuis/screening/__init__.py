"""Findings for every household: the whole-caseload screen, the findings store, the runner."""
