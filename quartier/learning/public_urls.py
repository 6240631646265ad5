"""Public pages of the learning place: calendar, offers, registration, appointment booking."""

from django.urls import path  # noqa: F401

app_name = "learning-public"

urlpatterns = []
