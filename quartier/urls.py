from csp.constants import SELF
from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from quartier.api.api import api
from quartier.site import views as site_views

api_patterns, api_app_name, api_namespace = api.urls
for pattern in api_patterns:
    if getattr(pattern, "name", None) == "openapi-view":
        # The one exception to the Content-Security-Policy (settings.py): the API docs
        # page, django-ninja's Swagger UI, draws its icons from data: URIs in its own
        # stylesheet, so that page alone may load data: images. Its scripts and styles
        # are static files, which the policy already allows.
        pattern.callback = csp_update({"img-src": [SELF, "data:"]})(pattern.callback)

urlpatterns = [
    path("api/v1/", (api_patterns, api_app_name, api_namespace)),
    path("ops/admin/", admin.site.urls),
    # The logo and browser icon of the loaded site pack, the same in every language.
    path("brand/logo", site_views.logo, name="brand-logo"),
    path("brand/favicon", site_views.favicon, name="brand-favicon"),
    path("favicon.ico", site_views.favicon_ico, name="favicon-ico"),
]

urlpatterns += i18n_patterns(
    path("", include("quartier.site.urls")),
    path("staff/", include("quartier.accounts.urls")),
    path("staff/counselling/", include("quartier.counselling.urls")),
    path("staff/people/", include("quartier.people.urls")),
    path("staff/downloads/", include("quartier.downloads.urls")),
    path("staff/esco/", include("quartier.esco.urls")),
    path("staff/competences/", include("quartier.competences.urls")),
    path("staff/learning/", include("quartier.learning.urls")),
    path("staff/economy/", include("quartier.economy.urls")),
    path("staff/reporting/", include("quartier.reporting.urls")),
    path("staff/matching/", include("quartier.matching.urls")),
    path("learn/", include("quartier.learning.public_urls")),
    path("economy/", include("quartier.economy.public_urls")),
    path("passport/", include("quartier.competences.public_urls")),
    prefix_default_language=True,
)

handler500 = "quartier.site.errors.server_error"
