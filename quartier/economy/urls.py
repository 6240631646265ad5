"""Staff pages of the local economy; each part keeps its own URL list."""

from quartier.economy.advice.urls import urlpatterns as advice_patterns
from quartier.economy.businesses.urls import urlpatterns as businesses_patterns
from quartier.economy.network.urls import urlpatterns as network_patterns
from quartier.economy.premises.urls import urlpatterns as premises_patterns
from quartier.economy.vacancies.urls import urlpatterns as vacancies_patterns

app_name = "economy"

urlpatterns = (
    businesses_patterns
    + advice_patterns
    + vacancies_patterns
    + network_patterns
    + premises_patterns
)
