"""Public pages of the competences app; the passport part keeps its own URL list."""

from quartier.competences.passport.public_urls import urlpatterns

app_name = "competences-public"

__all__ = ["app_name", "urlpatterns"]
