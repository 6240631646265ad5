from django.urls import path

from quartier.competences.profile import views

urlpatterns = [
    path("<uuid:code>/", views.profile_detail, name="profile"),
    path("<uuid:code>/summary/", views.summary_edit, name="summary"),
    path("<uuid:code>/qualifications/add/", views.qualification_add, name="qualification-add"),
    path(
        "<uuid:code>/qualifications/<int:pk>/",
        views.qualification_edit,
        name="qualification-edit",
    ),
    path(
        "<uuid:code>/qualifications/<int:pk>/remove/",
        views.qualification_remove,
        name="qualification-remove",
    ),
    path(
        "<uuid:code>/qualifications/<int:pk>/evidence/",
        views.evidence_download,
        name="evidence",
    ),
    path("<uuid:code>/languages/add/", views.language_add, name="language-add"),
    path("<uuid:code>/languages/<int:pk>/", views.language_edit, name="language-edit"),
    path("<uuid:code>/languages/<int:pk>/remove/", views.language_remove, name="language-remove"),
    path("<uuid:code>/experience/add/", views.experience_add, name="experience-add"),
    path("<uuid:code>/experience/<int:pk>/", views.experience_edit, name="experience-edit"),
    path(
        "<uuid:code>/experience/<int:pk>/remove/",
        views.experience_remove,
        name="experience-remove",
    ),
    path("<uuid:code>/informal/add/", views.informal_add, name="informal-add"),
    path("<uuid:code>/informal/<int:pk>/", views.informal_edit, name="informal-edit"),
    path("<uuid:code>/informal/<int:pk>/remove/", views.informal_remove, name="informal-remove"),
    path("<uuid:code>/skills/search/", views.skill_search, name="skill-search"),
    path("<uuid:code>/skills/suggest/", views.skill_suggest, name="skill-suggest"),
    path(
        "<uuid:code>/skills/occupation/<int:concept>/",
        views.skill_occupation,
        name="skill-occupation",
    ),
    path("<uuid:code>/skills/add/", views.skill_add, name="skill-add"),
    path("<uuid:code>/skills/<int:pk>/", views.skill_edit, name="skill-edit"),
    path("<uuid:code>/skills/<int:pk>/remove/", views.skill_remove, name="skill-remove"),
]
