"""Screening the whole caseload from the desk."""
