from django.urls import path

from quartier.economy.premises import public_views as views

# Under /<lang>/economy/ in the "economy-public" namespace.
urlpatterns = [
    path("premises/", views.public_premises, name="premises"),
]
