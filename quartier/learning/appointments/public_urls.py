"""Public appointment pages (namespace ``learning-public``, under ``/<lang>/learn/``)."""

from django.urls import path

from quartier.learning.appointments import public_views as views

urlpatterns = [
    path("appointments/", views.appointments_start, name="appointments"),
    path("appointments/at/<slug:slug>/", views.appointment_slots, name="appointment-slots"),
    path("appointments/at/<slug:slug>/book/", views.appointment_book, name="appointment-book"),
    path(
        "appointments/at/<slug:slug>/request/",
        views.appointment_request,
        name="appointment-request",
    ),
    path("appointments/mine/<str:token>/", views.appointment_manage, name="appointment-manage"),
    path(
        "appointments/mine/<str:token>/cancel/",
        views.appointment_cancel_by_resident,
        name="appointment-cancel",
    ),
    path(
        "appointments/mine/<str:token>/answer/",
        views.appointment_respond,
        name="appointment-respond",
    ),
    path("feeds/appointments/<str:token>.ics", views.appointments_feed, name="appointments-feed"),
]
