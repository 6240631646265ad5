from django.urls import path

from quartier.economy.premises import views

urlpatterns = [
    path("premises/", views.premises, name="premises"),
    path("premises/houses/new/", views.house_edit, name="house-add"),
    path("premises/houses/<int:pk>/", views.house_detail, name="house"),
    path("premises/houses/<int:pk>/edit/", views.house_edit, name="house-edit"),
    path("premises/houses/<int:pk>/units/new/", views.unit_add, name="unit-add"),
    path("premises/units/<int:pk>/", views.unit_edit, name="unit-edit"),
    path("premises/units/<int:pk>/let/", views.unit_let, name="unit-let"),
    path("premises/units/<int:pk>/vacate/", views.unit_vacate, name="unit-vacate"),
]
