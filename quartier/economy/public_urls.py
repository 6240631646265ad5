"""Public pages of the local economy: business directory, vacancies, premises."""

from quartier.economy.businesses.public_urls import urlpatterns as businesses_patterns
from quartier.economy.premises.public_urls import urlpatterns as premises_patterns
from quartier.economy.vacancies.public_urls import urlpatterns as vacancies_patterns

app_name = "economy-public"

urlpatterns = businesses_patterns + vacancies_patterns + premises_patterns
