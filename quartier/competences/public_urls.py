"""Public pages of the competences app; each part keeps its own URL list."""

from quartier.competences.passport.public_urls import urlpatterns as passport_patterns

app_name = "competences-public"

urlpatterns = passport_patterns
