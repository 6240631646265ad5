"""Staff pages of the competences app; each part keeps its own URL list."""

from quartier.competences.employers.urls import urlpatterns as sharing_patterns
from quartier.competences.profile.urls import urlpatterns as profile_patterns

app_name = "competences"

urlpatterns = profile_patterns + sharing_patterns
