from django.urls import path

from quartier.economy.vacancies import exports, views

urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy-list"),
    path("vacancies/export/<str:file_format>/", exports.vacancy_export, name="vacancy-export"),
    path("vacancies/new/", views.vacancy_create, name="vacancy-create"),
    path("vacancies/pick-business/", views.vacancy_business_pick, name="vacancy-business-pick"),
    path("vacancies/<uuid:code>/", views.vacancy_detail, name="vacancy-detail"),
    path("vacancies/<uuid:code>/edit/", views.vacancy_edit, name="vacancy-edit"),
    path(
        "vacancies/<uuid:code>/requirements/",
        views.vacancy_requirements,
        name="vacancy-requirements",
    ),
]
