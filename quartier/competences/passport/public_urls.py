"""Public page that confirms a competence passport was issued."""

from django.urls import path

from quartier.competences.passport import public_views

urlpatterns = [
    path("verify/", public_views.verify_form, name="verify-form"),
    path("verify/<str:code>/", public_views.verify, name="verify"),
]
