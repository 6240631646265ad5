from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from quartier.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("ops/admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("quartier.site.urls")),
    path("staff/", include("quartier.accounts.urls")),
    path("staff/counselling/", include("quartier.counselling.urls")),
    path("staff/people/", include("quartier.people.urls")),
    path("staff/esco/", include("quartier.esco.urls")),
    path("staff/competences/", include("quartier.competences.urls")),
    path("staff/learning/", include("quartier.learning.urls")),
    path("staff/economy/", include("quartier.economy.urls")),
    path("learn/", include("quartier.learning.public_urls")),
    path("economy/", include("quartier.economy.public_urls")),
    path("passport/", include("quartier.competences.public_urls")),
    prefix_default_language=True,
)
