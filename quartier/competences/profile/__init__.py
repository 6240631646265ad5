"""The competence profile: qualifications, languages, experience, skills, informal competences."""
