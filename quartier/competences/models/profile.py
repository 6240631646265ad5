"""Qualifications, languages, experience, skills and informal competences of a participant."""
