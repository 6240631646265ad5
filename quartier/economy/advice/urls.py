from django.urls import path

from quartier.economy.advice import exports, views

urlpatterns = [
    path("funding/", views.funding_list, name="funding-list"),
    path("founders/", views.founder_list, name="founder-list"),
    path("founders/new/", views.founder_create, name="founder-create"),
    path("founders/<uuid:code>/", views.founder_detail, name="founder-detail"),
    path("founders/<uuid:code>/edit/", views.founder_edit, name="founder-edit"),
    path("founders/<uuid:code>/advice/", views.founder_advice, name="founder-advice"),
    path(
        "founders/<uuid:code>/applications/new/",
        views.founder_application,
        name="founder-application",
    ),
    path(
        "founders/<uuid:code>/applications/<int:pk>/",
        views.application_outcome,
        name="application-outcome",
    ),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path(
        "consultations/export/<str:file_format>/",
        exports.consultation_export,
        name="consultation-export",
    ),
    path("consultations/new/", views.consultation_create, name="consultation-create"),
    path("consultations/<uuid:code>/", views.consultation_detail, name="consultation-detail"),
    path("consultations/<uuid:code>/edit/", views.consultation_edit, name="consultation-edit"),
    path("consultations/<uuid:code>/done/", views.follow_up_done, name="follow-up-done"),
    path("follow-ups/", views.follow_ups, name="follow-ups"),
]
