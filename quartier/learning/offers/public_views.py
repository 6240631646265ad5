"""Public pages of the offers: the calendar, an offer with its registration form,
cancelling by the link from the mail, and the iCalendar feeds. No login needed.
"""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartier.accounts.access import PUBLIC, allow
from quartier.learning.models import Offer, OfferDate, RegistrationStatus
from quartier.learning.offers import feed
from quartier.learning.offers.filters import CalendarFilter
from quartier.learning.offers.forms import PublicRegistrationForm
from quartier.learning.offers.registrations import (
    RegistrationError,
    cancel,
    register,
    registration_for_token,
    waiting_rank,
)
from quartier.learning.offers.services import (
    free_places,
    get_public_offer,
    skill_labels,
    upcoming_dates,
    with_places,
)
from quartier.lib.dates import MONTHS
from quartier.lib.languages import language_name
from quartier.lib.page_cache import cached_public_page
from quartier.lib.public_forms import STATUS_TOO_MANY, TOO_MANY, limit_public_form
from quartier.places.models import Weekday


def when_text(offer_date: OfferDate, language: str) -> str:
    """ "Wednesday, 17 June 2026, 15:00–17:00" in the language, Kurmanji too.

    Django has no Kurmanji formats or month names; the site's own catalogue has them.
    """
    starts = timezone.localtime(offer_date.starts_at)
    ends = timezone.localtime(offer_date.ends_at)
    if formats.get_format_modules(language):
        day = formats.date_format(starts, "DATE_FORMAT")
    else:
        day = f"{starts.day} {MONTHS[starts.month]()} {starts.year}"
    return f"{Weekday(starts.weekday()).label}, {day}, {starts:%H:%M}–{ends:%H:%M}"


def offer_card(offer: Offer, language: str) -> dict:
    """What a list or page shows of an offer; needs ``with_places`` and ``upcoming``."""
    places = free_places(offer)
    for offer_date in offer.upcoming:
        offer_date.text = when_text(offer_date, language)
    return {
        "offer": offer,
        "title": offer.title_text(language),
        "description": offer.description_text(language),
        "languages": [language_name(code) for code in offer.languages],
        "dates": offer.upcoming,
        "free": places,
        "full": places == 0,
        "waiting": offer.waiting_count,
        "place": feed.place_text(offer),
    }


def calendar_queryset():
    """Published offers with an upcoming date. Two queries: offers, dates."""
    now = timezone.now()
    # EXISTS rather than a join: a join on dates would multiply the place counts.
    upcoming = OfferDate.objects.filter(offer=OuterRef("pk"), ends_at__gte=now, cancelled=False)
    offers = Offer.objects.filter(Exists(upcoming), published=True).select_related(
        "contact_point", "organisation"
    )
    return with_places(offers).prefetch_related(upcoming_dates(now))


@allow(PUBLIC)
@cached_public_page
def offer_calendar(request: HttpRequest) -> HttpResponse:
    calendar_filter = CalendarFilter(request.GET, queryset=calendar_queryset())
    language = get_language()
    offers = list(calendar_filter.qs)
    # Every offer here has an upcoming date (the query asks for one): soonest first.
    offers.sort(key=lambda offer: (offer.upcoming[0].starts_at, offer.pk))
    cards = [offer_card(offer, language) for offer in offers]
    return render(
        request,
        "learning/offers/public_calendar.html",
        {"form": calendar_filter.form, "cards": cards},
    )


@allow(PUBLIC)
@limit_public_form("learning.offer-register")
@cached_public_page
def offer_page(request: HttpRequest, code) -> HttpResponse:
    offer = get_public_offer(code)
    form = PublicRegistrationForm(request.POST or None, initial={"language": get_language()})
    if request.limited:
        form.add_error(None, TOO_MANY)
    elif request.method == "POST" and form.is_valid():
        try:
            registration = register(
                offer,
                request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                language=form.cleaned_data["language"],
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("You are registered. We have sent you the details."))
            else:
                messages.info(
                    request,
                    _("The offer is full: you are on the waiting list, in place %(rank)d.")
                    % {"rank": waiting_rank(registration)},
                )
            return redirect(reverse("learning-public:offer", kwargs={"code": offer.code}))
    annotated = (
        with_places(Offer.objects.filter(pk=offer.pk))
        .select_related("contact_point", "organisation")
        .prefetch_related(upcoming_dates())
        .get()
    )
    language = get_language()
    card = offer_card(annotated, language)
    skills = [label for _pk, label in skill_labels(offer, language)]
    return render(
        request,
        "learning/offers/public_offer.html",
        {"card": card, "offer": annotated, "form": form, "skills": skills},
        status=STATUS_TOO_MANY if request.limited else 200,
    )


@allow(PUBLIC)
@limit_public_form("learning.offer-cancel", email_field=None)
def cancel_registration(request: HttpRequest, code, token: str) -> HttpResponse:
    registration = registration_for_token(code, token)
    error = ""
    if request.limited:
        error = TOO_MANY
    elif request.method == "POST":
        try:
            cancel(registration, request.user)
        except RegistrationError as refused:
            error = str(refused)
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for telling us.")
            )
            return redirect(request.path)
    return render(
        request,
        "learning/offers/public_cancel.html",
        {
            "registration": registration,
            "title": registration.offer.title_text(get_language()),
            "cancelled": registration.status == RegistrationStatus.CANCELLED,
            "error": error,
        },
        status=STATUS_TOO_MANY if request.limited else 200,
    )


@allow(PUBLIC)
@require_GET
def registration_ics(request: HttpRequest, code, token: str) -> HttpResponse:
    registration = registration_for_token(code, token)
    body = feed.calendar_bytes(feed.registration_dates(registration), get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="offer.ics"'
    return response


@allow(PUBLIC)
@require_GET
@cached_public_page
def offers_feed(request: HttpRequest) -> HttpResponse:
    body = feed.calendar_bytes(
        feed.public_feed_dates(), get_language(), name=gettext("Offers in the quarter")
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
