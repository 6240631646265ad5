"""The economy's models, one module per part, imported here so that Django finds them:
businesses and training, vacancies, founders, funding and consulting (advice),
cooperation (network), houses, units and settlements (premises)."""

from quartier.economy.advice.models import *  # noqa: F403
from quartier.economy.businesses.models import *  # noqa: F403
from quartier.economy.network.models import *  # noqa: F403
from quartier.economy.premises.models import *  # noqa: F403
from quartier.economy.vacancies.models import *  # noqa: F403
