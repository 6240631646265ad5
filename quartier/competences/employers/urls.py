"""Staff pages for sharing a profile: the passport, the employer view, contact requests."""

from django.urls import path

from quartier.competences.employers import views as employers_views
from quartier.competences.passport import views as passport_views

urlpatterns = [
    # The competence passport (counsellors and project leads of the holding organisation).
    path(
        "people/<uuid:code>/passport/",
        passport_views.participant_passport,
        name="passport",
    ),
    path(
        "passports/<uuid:code>/pdf/",
        passport_views.passport_download,
        name="passport-download",
    ),
    # The employer view (employers).
    path("candidates/", employers_views.candidate_list, name="candidate-list"),
    path("candidates/<uuid:code>/", employers_views.candidate_detail, name="candidate-detail"),
    path(
        "candidates/<uuid:code>/contact/",
        employers_views.candidate_contact,
        name="candidate-contact",
    ),
    path(
        "my-contact-requests/",
        employers_views.my_contact_requests,
        name="my-contact-requests",
    ),
    # Answering contact requests (counsellors and project leads).
    path("contact-requests/", employers_views.contact_request_list, name="contact-requests"),
    path(
        "contact-requests/<uuid:code>/",
        employers_views.contact_request_detail,
        name="contact-request",
    ),
    path(
        "contact-requests/<uuid:code>/asked/",
        employers_views.contact_request_asked,
        name="contact-request-asked",
    ),
]
