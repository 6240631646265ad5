"""The app's models, defined in its parts: offers, dates, registrations, attendance
(``offers/models.py``); appointments, availability, feed tokens, visits
(``appointments/models.py``)."""

from quartier.learning.appointments.models import *  # noqa: F403
from quartier.learning.offers.models import *  # noqa: F403
