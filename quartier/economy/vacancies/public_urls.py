from django.urls import path

from quartier.economy.vacancies import public_views as views

urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy-list"),
    path("vacancies/<uuid:code>/", views.vacancy_detail, name="vacancy-detail"),
]
