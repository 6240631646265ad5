"""Offers, dates, registrations, attendance (offers.py); appointments, visits (appointments.py)."""

from quartier.learning.appointments.models import *  # noqa: F403
from quartier.learning.offers.models import *  # noqa: F403
