"""Staff pages of the offers under /<lang>/staff/learning/ (namespace ``learning``)."""

from django.urls import path

from quartier.learning.offers import exports, views

urlpatterns = [
    path("offers/", views.offer_list, name="offer-list"),
    path("offers/new/", views.offer_create, name="offer-create"),
    path("offers/<uuid:code>/", views.offer_detail, name="offer-detail"),
    path("offers/<uuid:code>/edit/", views.offer_edit, name="offer-edit"),
    path("offers/<uuid:code>/skills/", views.offer_skills, name="offer-skills"),
    path("offers/<uuid:code>/dates/add/", views.date_add, name="date-add"),
    path("offers/<uuid:code>/register/", views.offer_register, name="offer-register"),
    path(
        "offers/<uuid:code>/registrations/export/<str:file_format>/",
        exports.registration_export,
        name="registrations-export",
    ),
    path("offers/<uuid:code>/business/", views.offer_business, name="offer-business"),
    path("business/offers/", views.business_offers, name="business-offers"),
    path("people/<uuid:code>/register/", views.person_register, name="person-register"),
    path("dates/<int:pk>/cancel/", views.date_cancel, name="date-cancel"),
    path("dates/", views.date_list, name="date-list"),
    path("dates/<int:pk>/check-in/", views.check_in, name="check-in"),
    path("dates/<int:pk>/check-in/<uuid:code>/", views.check_in_toggle, name="check-in-toggle"),
    path("dates/<int:pk>/check-in.pdf", views.check_in_pdf, name="check-in-pdf"),
    path(
        "registrations/<uuid:code>/cancel/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path("registrations/<uuid:code>/certificate.pdf", views.certificate, name="certificate"),
]
