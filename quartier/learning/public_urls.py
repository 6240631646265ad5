"""Public pages of the learning place: the calendar, offers, registration and appointment booking."""

from django.urls import path  # noqa: F401

app_name = "learning-public"

urlpatterns = []
