"""Staff pages of the learning app; each part keeps its own URL list."""

from quartier.learning.appointments.urls import urlpatterns as appointments_patterns
from quartier.learning.offers.urls import urlpatterns as offers_patterns

app_name = "learning"

urlpatterns = offers_patterns + appointments_patterns
