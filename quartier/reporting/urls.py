from django.urls import path

from quartier.reporting import views

app_name = "reporting"

urlpatterns: list = [
    path("targets/", views.targets, name="targets"),
    path("incomplete/", views.incomplete, name="incomplete"),
]
