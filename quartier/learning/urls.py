"""Staff pages of the learning app; each part keeps its own URL list."""

from quartier.learning.appointments_urls import urlpatterns as appointments_patterns
from quartier.learning.offers_urls import urlpatterns as offers_patterns

app_name = "learning"

urlpatterns = offers_patterns + appointments_patterns
