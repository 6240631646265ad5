from django.urls import path

from quartier.matching import views

app_name = "matching"

urlpatterns = [
    path(
        "vacancies/<uuid:code>/candidates/",
        views.vacancy_candidates,
        name="vacancy-candidates",
    ),
    path(
        "vacancies/<uuid:code>/propose/<uuid:person>/",
        views.propose,
        name="propose",
    ),
    path("people/<uuid:code>/vacancies/", views.profile_vacancies, name="profile-vacancies"),
    path("my-vacancies/", views.my_vacancies, name="my-vacancies"),
    path("skill-gaps/", views.skill_gaps, name="skill-gaps"),
]
