"""Pages of the employer view and of answering contact requests."""

from django.urls import path

from quartier.competences.employers import views

urlpatterns = [
    # The employer view (employers).
    path("candidates/", views.candidate_list, name="candidate-list"),
    path("candidates/<uuid:code>/", views.candidate_detail, name="candidate-detail"),
    path(
        "candidates/<uuid:code>/contact/",
        views.candidate_contact,
        name="candidate-contact",
    ),
    path(
        "my-contact-requests/",
        views.my_contact_requests,
        name="my-contact-requests",
    ),
    # Answering contact requests (counsellors and project leads).
    path("contact-requests/", views.contact_request_list, name="contact-requests"),
    path(
        "contact-requests/<uuid:code>/",
        views.contact_request_detail,
        name="contact-request",
    ),
    path(
        "contact-requests/<uuid:code>/asked/",
        views.contact_request_asked,
        name="contact-request-asked",
    ),
]
