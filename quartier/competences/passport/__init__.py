"""The competence passport: issued from a profile, rendered as a PDF in the background, verified."""
