"""Public pages of the learning place: calendar, offers, registration, appointment booking."""

from quartier.learning.appointments.public_urls import urlpatterns as appointments_patterns
from quartier.learning.offers.public_urls import urlpatterns as offers_patterns

app_name = "learning-public"

urlpatterns = offers_patterns + appointments_patterns
