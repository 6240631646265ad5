"""Offers with their dates, registrations and attendance (offers.py); appointments and visits (appointments.py)."""

from quartier.learning.models.appointments import *  # noqa: F403
from quartier.learning.models.offers import *  # noqa: F403
