from django.urls import path

from quartier.economy.network import views

urlpatterns = [
    path("network/", views.network, name="network"),
    path("network/cooperations/", views.cooperation_list, name="cooperations"),
    path("network/cooperations/new/", views.cooperation_add, name="cooperation-add"),
    path("network/cooperations/pick-party/", views.party_pick, name="party-pick"),
    path("network/cooperations/<int:pk>/end/", views.cooperation_end, name="cooperation-end"),
]
