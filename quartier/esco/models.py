"""Models of the ESCO taxonomy: occupations, skills, their labels and relations."""
