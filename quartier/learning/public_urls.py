"""Public pages of the learning place: calendar, offers, registration, appointment booking."""

from quartier.learning.appointments_public_urls import urlpatterns as appointments_patterns
from quartier.learning.offers_public_urls import urlpatterns as offers_patterns

app_name = "learning-public"

urlpatterns = offers_patterns + appointments_patterns
