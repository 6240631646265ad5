"""Public pages of the local economy: business directory, vacancies."""

from quartier.economy.advice_public_urls import urlpatterns as advice_patterns
from quartier.economy.businesses_public_urls import urlpatterns as businesses_patterns
from quartier.economy.network_public_urls import urlpatterns as network_patterns

app_name = "economy-public"

urlpatterns = businesses_patterns + advice_patterns + network_patterns
