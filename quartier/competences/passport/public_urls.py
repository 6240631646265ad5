"""Public page that confirms a competence passport was issued."""

from django.urls import path

from quartier.competences.passport import views as passport_views

app_name = "competences-public"

urlpatterns = [
    path("verify/", passport_views.verify_form, name="verify-form"),
    path("verify/<str:code>/", passport_views.verify, name="verify"),
]
