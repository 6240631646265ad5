"""The competence profile (profile.py); passports and contact requests made from it (sharing.py)."""

from quartier.competences.models.profile import *  # noqa: F403
from quartier.competences.models.sharing import *  # noqa: F403
