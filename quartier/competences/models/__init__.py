"""Every model of the app, for Django; each part keeps its own in ``<part>/models.py``."""

from quartier.competences.profile.models import *  # noqa: F403, I001 (Django's order)
from quartier.competences.passport.models import *  # noqa: F403
from quartier.competences.employers.models import *  # noqa: F403
