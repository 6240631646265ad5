from django.urls import path

from quartier.economy.businesses import public_views as views

# Under /<lang>/economy/ in the "economy-public" namespace.
urlpatterns = [
    path("businesses/", views.directory, name="directory"),
]
