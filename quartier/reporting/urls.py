from django.urls import path

from quartier.reporting import measure_views, views

app_name = "reporting"

urlpatterns: list = [
    path("targets/", views.targets, name="targets"),
    path("incomplete/", views.incomplete, name="incomplete"),
    path("measures/", measure_views.measure_list, name="measure-list"),
    path("measures/<slug:slug>/", measure_views.measure_definition, name="measure-definition"),
]
