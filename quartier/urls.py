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
    prefix_default_language=True,
)
