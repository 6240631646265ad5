"""Businesses and training (businesses.py); founders, funding, consulting, vacancies (advice.py);
cooperation and premises (network.py)."""

from quartier.economy.advice.models import *  # noqa: F403
from quartier.economy.businesses.models import *  # noqa: F403
from quartier.economy.network.models import *  # noqa: F403
