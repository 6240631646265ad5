"""Competence passports issued and employers' contact requests."""
