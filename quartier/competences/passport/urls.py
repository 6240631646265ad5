"""Staff pages of the competence passport (the holding organisation's counsellors and leads)."""

from django.urls import path

from quartier.competences.passport import views

urlpatterns = [
    path(
        "people/<uuid:code>/passport/",
        views.participant_passport,
        name="passport",
    ),
    path(
        "passports/<uuid:code>/pdf/",
        views.passport_download,
        name="passport-download",
    ),
]
