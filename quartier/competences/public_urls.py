"""Public page that confirms a competence passport was issued."""

from django.urls import path  # noqa: F401

app_name = "competences-public"

urlpatterns = []
