"""Staff pages of the competences app; each part keeps its own URL list."""

from quartier.competences.profile_urls import urlpatterns as profile_patterns
from quartier.competences.sharing_urls import urlpatterns as sharing_patterns

app_name = "competences"

urlpatterns = profile_patterns + sharing_patterns
