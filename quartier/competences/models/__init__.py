"""The competence profile (profile.py) and what is made from it: passports and employer contact requests (sharing.py)."""

from quartier.competences.models.profile import *  # noqa: F403
from quartier.competences.models.sharing import *  # noqa: F403
