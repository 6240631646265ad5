"""Businesses and training (businesses.py); founders, funding, consulting, vacancies (advice.py);
cooperation and premises (network.py)."""

from quartier.economy.models.advice import *  # noqa: F403
from quartier.economy.models.businesses import *  # noqa: F403
from quartier.economy.models.network import *  # noqa: F403
