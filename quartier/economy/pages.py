"""What the staff views of the economy parts share: the plain form page and its errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def error_messages(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal as messages on the next page, one per reason."""
    for message in error.messages:
        messages.error(request, message)


def form_page(request: HttpRequest, form, title: str, back: str, intro: str = "") -> HttpResponse:
    """A form alone on its page (``economy/form.html``): ``back`` is where Cancel leads."""
    context = {"form": form, "title": title, "back": back, "intro": intro}
    return render(request, "economy/form.html", context)
