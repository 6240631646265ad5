from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quartier.accounts.access import PUBLIC, allow


@allow(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", {})
