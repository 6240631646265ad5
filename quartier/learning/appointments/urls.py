"""Staff pages for appointments, availability, the calendar feed and visits
(namespace ``learning``, under ``/<lang>/staff/learning/``)."""

from django.urls import path

from quartier.learning.appointments import exports, views

urlpatterns = [
    path("appointments/", views.appointment_list, name="appointments"),
    path("appointments/people/<uuid:code>/book/", views.person_book, name="person-book"),
    path("appointments/<uuid:code>/", views.appointment_detail, name="appointment-detail"),
    path(
        "appointments/<uuid:code>/confirm/",
        views.appointment_confirm,
        name="appointment-confirm",
    ),
    path(
        "appointments/<uuid:code>/propose/",
        views.appointment_propose,
        name="appointment-propose",
    ),
    path("appointments/<uuid:code>/cancel/", views.appointment_cancel, name="appointment-cancel"),
    path(
        "appointments/<uuid:code>/outcome/",
        views.appointment_outcome,
        name="appointment-outcome",
    ),
    path("availability/", views.availability, name="availability"),
    path(
        "availability/<int:pk>/remove/",
        views.availability_remove,
        name="availability-remove",
    ),
    path("calendar-feed/", views.feed_token, name="feed-token"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/export/<str:file_format>/", exports.visit_export, name="visits-export"),
    path("visits/usage/", views.visit_usage, name="visit-usage"),
]
