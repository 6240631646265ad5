"""Public offer pages under /<lang>/learn/ (namespace ``learning-public``)."""

from django.urls import path

from quartier.learning.offers import public_views as views

urlpatterns = [
    path("", views.offer_calendar, name="offers"),
    path("calendar.ics", views.offers_feed, name="offers-feed"),
    path("offers/<uuid:code>/", views.offer_page, name="offer"),
    path(
        "registrations/<uuid:code>/<str:token>/cancel/",
        views.cancel_registration,
        name="offer-cancel",
    ),
    path(
        "registrations/<uuid:code>/<str:token>/calendar.ics",
        views.registration_ics,
        name="offer-registration-ics",
    ),
]
