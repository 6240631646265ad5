"""Public pages of the local economy: business directory, vacancies."""

from quartier.economy.businesses.public_urls import urlpatterns as businesses_patterns
from quartier.economy.premises.public_urls import urlpatterns as network_patterns
from quartier.economy.vacancies.public_urls import urlpatterns as advice_patterns

app_name = "economy-public"

urlpatterns = businesses_patterns + advice_patterns + network_patterns
