"""Offers, dates, registrations, attendance (offers.py); appointments, visits (appointments.py)."""

from quartier.learning.models.appointments import *  # noqa: F403
from quartier.learning.models.offers import *  # noqa: F403
