from django.urls import path

from quartier.esco import picker, views

app_name = "esco"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggest/", views.suggest_page, name="suggest"),
    path("<int:pk>/", views.concept_detail, name="concept"),
    path("pick-occupation/", picker.occupation_pick, name="occupation-pick"),
]
