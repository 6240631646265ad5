"""The profile's models (profile/models.py); passports and contact requests (passport/models.py)."""

from quartier.competences.passport.models import *  # noqa: F403
from quartier.competences.profile.models import *  # noqa: F403
