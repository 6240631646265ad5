"""Staff pages of the competences app; each part keeps its own URL list."""

from quartier.competences.employers.urls import urlpatterns as employers_patterns
from quartier.competences.passport.urls import urlpatterns as passport_patterns
from quartier.competences.profile.urls import urlpatterns as profile_patterns

app_name = "competences"

urlpatterns = profile_patterns + passport_patterns + employers_patterns
