"""Staff pages of the offers: list, create and edit, dates, registrations, check-in, PDFs.

Learning coordinators and project leads manage their organisation's offers;
counsellors (and they) register participants of their own organisation for
any published offer; employers register their staff for offers open to
businesses. Offers and registrations are fetched through helpers that 404
whatever the user may not see.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import EMPLOYER, allow, roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation, Role
from quartier.counselling.models import Case, CaseStatus
from quartier.downloads.views import see_download
from quartier.esco.models import Concept
from quartier.esco.search import search
from quartier.learning.models import (
    Audience,
    Offer,
    OfferDate,
    Registration,
    RegistrationStatus,
)
from quartier.learning.offers import attendance, certificates, registrations
from quartier.learning.offers import services as offers
from quartier.learning.offers.access import OFFER_MANAGERS, OFFER_STAFF
from quartier.learning.offers.filters import OfferDateFilter, with_registrations
from quartier.learning.offers.forms import BusinessStaffForm, DateForm, OfferForm, ParticipantsForm
from quartier.learning.offers.registrations import RegistrationError
from quartier.learning.offers.services import OfferError
from quartier.lib.keyset import keyset_page
from quartier.lib.partials import render_partial
from quartier.lib.search import search_key
from quartier.people.intake import view_participant
from quartier.people.models import Participant

PAGE_SIZE = 50
REGISTRATIONS_PER_PAGE = 50
REGISTRATION_CANCELLERS = roles(
    Role.COUNSELLOR, Role.LEARNING_COORDINATOR, Role.PROJECT_LEAD, Role.EMPLOYER
)
PICK_LIMIT = 100
# Offers listed to choose from on a person's "register for an offer" page.
PERSON_OFFERS = 30


def _offer_redirect(offer: Offer, anchor: str = "") -> HttpResponse:
    url = reverse("learning:offer-detail", kwargs={"code": offer.code})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _managed_date(user, pk: int) -> OfferDate:
    offer_date = get_object_or_404(
        OfferDate.objects.select_related("offer", "offer__organisation", "offer__contact_point"),
        pk=pk,
    )
    if not offers.can_manage(offer_date.offer, user):
        raise Http404
    return offer_date


def _log_read(code: str, user, offer: Offer) -> None:
    """Names of registered people were shown (DESIGN.md: reads are audited)."""
    log_action(code, actor=user, subject=offer, data={"offer": str(offer.code)})


# -- Offers -------------------------------------------------------------------


@allow(OFFER_STAFF)
def offer_list(request: HttpRequest) -> HttpResponse:
    """Own organisation's offers (published or not) and everyone's published ones."""
    queryset = (
        offers.with_places(offers.offers_visible_to(request.user))
        .select_related("organisation")
        .prefetch_related(offers.upcoming_dates())
        .order_by("-created_at", "-pk")
    )
    page = keyset_page(queryset, request.GET.get("cursor"), per_page=PAGE_SIZE)
    managed = set(offers.managed_organisations(request.user))
    language = get_language()
    rows = [
        {
            "offer": offer,
            "title": offer.title_text(language),
            "next": offer.upcoming[0] if offer.upcoming else None,
            "free": offers.free_places(offer),
            "managed": offer.organisation_id in managed,
        }
        for offer in page
    ]
    return render(
        request,
        "learning/offers/offer_list.html",
        {"page": page, "rows": rows, "may_create": bool(managed)},
    )


def managed_dates(user):
    """Dates of the offers the user manages, not cancelled, with their offer's
    registrations counted (``filters.with_registrations``); the date list's rows."""
    return with_registrations(
        OfferDate.objects.filter(offer__organisation_id__in=offers.managed_organisations(user))
        .filter(cancelled=False)
        .select_related("offer")
    )


@allow(OFFER_MANAGERS)
def date_list(request: HttpRequest) -> HttpResponse:
    """This week's dates (or next week's) and what they need: free places, a waiting list,
    a check-in to record (``OfferDateFilter``); the coordinator's start page links here."""
    date_filter = OfferDateFilter(request.GET, queryset=managed_dates(request.user))
    dates = date_filter.qs.order_by("starts_at", "pk")
    page = keyset_page(dates, request.GET.get("cursor"), per_page=PAGE_SIZE)
    language = get_language()
    rows = [
        {
            "date": offer_date,
            "title": offer_date.offer.title_text(language),
            "free": (
                None
                if offer_date.offer.capacity is None
                else max(offer_date.offer.capacity - offer_date.confirmed_count, 0)
            ),
        }
        for offer_date in page
    ]
    return render(
        request,
        "learning/offers/date_list.html",
        {"page": page, "rows": rows, "form": date_filter.form},
    )


@allow(OFFER_MANAGERS)
def offer_create(request: HttpRequest) -> HttpResponse:
    managed = offers.managed_organisations(request.user)
    form = OfferForm(request.POST or None, organisations=managed)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or Organisation.objects.get(
            pk=managed[0]
        )
        try:
            offer = offers.create_offer(organisation, request.user, **form.offer_fields())
        except OfferError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The offer is saved. Now add its dates."))
            return redirect(reverse("learning:date-add", kwargs={"code": offer.code}))
    return render(request, "learning/offers/offer_form.html", {"form": form, "offer": None})


@allow(OFFER_MANAGERS)
def offer_edit(request: HttpRequest, code) -> HttpResponse:
    offer = offers.get_offer(request.user, code, manage=True)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        fields = form.offer_fields()
        # The form wrote its values onto the instance; start from the stored row.
        offer.refresh_from_db()
        try:
            offers.change_offer(offer, request.user, **fields)
        except OfferError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The offer is saved."))
            return _offer_redirect(offer)
    return render(request, "learning/offers/offer_form.html", {"form": form, "offer": offer})


@allow(OFFER_STAFF)
def offer_detail(request: HttpRequest, code) -> HttpResponse:
    offer = offers.get_offer(request.user, code)
    manages = offers.can_manage(offer, request.user)
    dates = list(OfferDate.objects.filter(offer=offer).order_by("starts_at", "pk"))
    # Confirmed first, then the waiting list in its order; paged by cursor, so the page
    # of a course with hundreds of registrations costs what a small one does.
    visible = registrations.with_waiting_rank(
        registrations.registrations_visible_to(request.user, offer)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("business")
        .order_by("status", "position", "registered_at", "pk")
    )
    page = keyset_page(visible, request.GET.get("cursor"), per_page=REGISTRATIONS_PER_PAGE)
    if page.object_list:
        _log_read("learning.registrations.viewed", request.user, offer)
    return render(
        request,
        "learning/offers/offer_detail.html",
        {
            "offer": offer,
            "title": offer.title_text(get_language()),
            "manages": manages,
            "dates": dates,
            "date_form": DateForm() if manages else None,
            "page": page,
            "places_taken": offers.confirmed_places(offer),
            "skills": [label for _pk, label in offers.skill_labels(offer, get_language())],
        },
    )


@allow(OFFER_MANAGERS)
def offer_skills(request: HttpRequest, code) -> HttpResponse:
    """The ESCO skills an offer teaches: search the taxonomy, then add or remove.

    The same picker as a vacancy's requirements: with HTMX the search answers with
    its hits as the user types and a change answers with the skills' fragment (its
    messages inside); without, the search is a GET form and a change redirects back.
    """
    offer = offers.get_offer(request.user, code, manage=True)
    language = get_language()
    here = reverse("learning:offer-skills", kwargs={"code": offer.code})
    if request.method == "POST":
        _change_skills(request, offer)
        if not request.htmx:
            return redirect(here)
    query = request.GET.get("q", "").strip()
    hits = search(query, language, kind="skill", limit=15) if query else []
    context = {"offer": offer, "here": here, "query": query, "hits": hits}
    if request.htmx and request.htmx.target == "esco-hits":
        return render_partial(
            request,
            "learning/offers/offer_skills.html",
            "learning/offers/_skill_hits.html",
            context,
        )
    context |= {
        "title": offer.title_text(language),
        "skills": offers.skill_labels(offer, language),
        # A change made in place shows its messages in the fragment, not on the next page.
        "notes": list(messages.get_messages(request)) if request.htmx else [],
    }
    return render_partial(
        request,
        "learning/offers/offer_skills.html",
        "learning/offers/_offer_skills.html",
        context,
    )


def _change_skills(request: HttpRequest, offer: Offer) -> None:
    action = request.POST.get("action", "")
    concept = Concept.objects.filter(pk=request.POST.get("concept") or 0).first()
    if action not in ("add_skill", "remove_skill"):
        messages.error(request, _("Unknown action."))
        return
    if concept is None:
        messages.error(request, _("Choose a skill from the search."))
        return
    current = [c for c in offer.skills.all() if c.pk != concept.pk]
    if action == "add_skill":
        current.append(concept)
    try:
        offers.set_skills(offer, request.user, current)
    except OfferError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Skills saved."))


def _dates_fragment(request: HttpRequest, offer: Offer, form: DateForm) -> HttpResponse:
    """The offer's dates with the form to add one: the answer to a change made in place."""
    context = {
        "offer": offer,
        "manages": True,
        "dates": list(OfferDate.objects.filter(offer=offer).order_by("starts_at", "pk")),
        "date_form": form,
        # Shown in the fragment, not again on the next page.
        "notes": list(messages.get_messages(request)),
    }
    response = render(request, "learning/offers/_offer_dates.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@allow(OFFER_MANAGERS)
def date_add(request: HttpRequest, code) -> HttpResponse:
    offer = offers.get_offer(request.user, code, manage=True)
    form = DateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offers.add_date(offer, request.user, **form.cleaned_data)
        except OfferError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The date is added."))
            if request.htmx:
                return _dates_fragment(request, offer, DateForm())
            if "another" in request.POST:
                return redirect(request.path)
            return _offer_redirect(offer, "dates")
    if request.htmx and request.method == "POST":
        return _dates_fragment(request, offer, form)
    return render(
        request,
        "learning/offers/date_form.html",
        {"form": form, "offer": offer, "title": offer.title_text(get_language())},
    )


@allow(OFFER_MANAGERS)
@require_POST
def date_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    offer_date = _managed_date(request.user, pk)
    offers.cancel_date(offer_date, request.user)
    messages.success(request, _("The date is cancelled."))
    if request.htmx:
        return _dates_fragment(request, offer_date.offer, DateForm())
    return _offer_redirect(offer_date.offer, "dates")


# -- Registrations ------------------------------------------------------------


@allow(OFFER_STAFF)
def offer_register(request: HttpRequest, code) -> HttpResponse:
    """Register participants of the user's organisations (several at once): the scope's."""
    offer = offers.get_offer(request.user, code)
    candidates = Participant.objects.filter(anonymised_at=None)
    query = request.GET.get("q", "").strip()
    for word in search_key(query).split():
        candidates = candidates.filter(search_key__contains=word)
    mine = request.GET.get("mine") == "1"
    if mine:
        # A counsellor's group: the people whose open case the user holds.
        cases = Case.objects.with_scopes_disabled().filter(
            participant=OuterRef("pk"), counsellor=request.user
        )
        candidates = candidates.filter(Exists(cases.exclude(status=CaseStatus.CLOSED)))
    candidates = candidates.order_by("family_name", "given_name", "pk")
    if request.method == "POST":
        form = ParticipantsForm(request.POST, participants=candidates)
    else:
        form = ParticipantsForm(participants=candidates[:PICK_LIMIT])
    if request.method == "POST" and form.is_valid():
        done, refused = registrations.register_participants(
            offer, form.cleaned_data["participants"], request.user
        )
        confirmed = sum(1 for r in done if r.status == RegistrationStatus.CONFIRMED)
        if done:
            messages.success(
                request,
                _("Registered: %(confirmed)d with a place, %(waiting)d on the waiting list.")
                % {"confirmed": confirmed, "waiting": len(done) - confirmed},
            )
        for participant, error in refused:
            messages.error(request, f"{participant}: {error}")
        return _offer_redirect(offer, "registrations")
    return render(
        request,
        "learning/offers/register_participants.html",
        {
            "offer": offer,
            "title": offer.title_text(get_language()),
            "form": form,
            "query": query,
            "mine": mine,
        },
    )


@allow(REGISTRATION_CANCELLERS)
@require_POST
def registration_cancel(request: HttpRequest, code) -> HttpResponse:
    registration = registrations.get_registration(request.user, code)
    try:
        moved = registrations.cancel(registration, request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The registration is cancelled."))
        if moved is not None:
            messages.info(
                request, _("%(name)s moved up from the waiting list.") % {"name": moved.name}
            )
    if not OFFER_STAFF.allows(request.user):
        return redirect(
            reverse("learning:offer-business", kwargs={"code": registration.offer.code})
        )
    return _offer_redirect(registration.offer, "registrations")


@allow(EMPLOYER)
def offer_business(request: HttpRequest, code) -> HttpResponse:
    """An employer registers staff for a published offer open to businesses."""
    offer = get_object_or_404(
        Offer.objects.select_related("organisation").filter(
            Q(audience=Audience.BUSINESSES) | Q(audience=Audience.EVERYONE), published=True
        ),
        code=code,
    )
    businesses = EMPLOYER.organisations(request.user)
    business = Organisation.objects.get(pk=businesses[0])
    form = BusinessStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for name in form.cleaned_data["names"]:
            try:
                registration = registrations.register(
                    offer, request.user, business=business, name=name
                )
            except RegistrationError as error:
                messages.error(request, f"{name}: {error}")
            else:
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("%(name)s is registered.") % {"name": name})
                else:
                    messages.info(request, _("%(name)s is on the waiting list.") % {"name": name})
        return redirect(request.path)
    mine = list(
        registrations.registrations_visible_to(request.user, offer)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("name", "pk")
    )
    return render(
        request,
        "learning/offers/business_register.html",
        {
            "offer": offer,
            "title": offer.title_text(get_language()),
            "form": form,
            "registrations": mine,
        },
    )


@allow(EMPLOYER)
def business_offers(request: HttpRequest) -> HttpResponse:
    """Published offers for businesses, for employers to register their staff."""
    queryset = (
        offers.with_places(
            Offer.objects.filter(
                Q(audience=Audience.BUSINESSES) | Q(audience=Audience.EVERYONE), published=True
            )
        )
        .prefetch_related(offers.upcoming_dates())
        .order_by("-created_at", "-pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    language = get_language()
    rows = [
        {
            "offer": offer,
            "title": offer.title_text(language),
            "next": offer.upcoming[0] if offer.upcoming else None,
            "free": offers.free_places(offer),
        }
        for offer in page
    ]
    return render(request, "learning/offers/business_offers.html", {"page": page, "rows": rows})


# -- Attendance ---------------------------------------------------------------


@allow(OFFER_MANAGERS)
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    offer_date = _managed_date(request.user, pk)
    rows = attendance.check_in_rows(offer_date)
    _log_read("learning.check_in.viewed", request.user, offer_date.offer)
    return render(
        request,
        "learning/offers/check_in.html",
        {
            "date": offer_date,
            "offer": offer_date.offer,
            "title": offer_date.offer.title_text(get_language()),
            "rows": rows,
            "present": sum(1 for row in rows if row["present"]),
            "total": len(rows),
        },
    )


@allow(OFFER_MANAGERS)
@require_POST
def check_in_toggle(request: HttpRequest, pk: int, code) -> HttpResponse:
    offer_date = _managed_date(request.user, pk)
    registration = get_object_or_404(
        registrations.registrations_visible_to(request.user, offer_date.offer).filter(
            status=RegistrationStatus.CONFIRMED
        ),
        code=code,
    )
    present = request.POST.get("present") == "1"
    attendance.set_attendance(registration, offer_date, present, request.user)
    if request.htmx:
        # A tap on the list: the person's row, and the count out of band.
        rows = attendance.check_in_rows(offer_date)
        context = {
            "date": offer_date,
            "row": next(row for row in rows if row["registration"].pk == registration.pk),
            "count_changed": True,
            "present": sum(1 for row in rows if row["present"]),
            "total": len(rows),
        }
        return render(request, "learning/offers/_check_in_row.html", context)
    url = reverse("learning:check-in", kwargs={"pk": offer_date.pk})
    return redirect(f"{url}#person-{registration.code}")


@allow(OFFER_MANAGERS)
def check_in_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The list is made in the background; a GET, as it is a link on the dates."""
    offer_date = _managed_date(request.user, pk)
    return see_download(
        certificates.request_check_in_list(offer_date, request.user, get_language())
    )


@allow(OFFER_MANAGERS)
def certificate(request: HttpRequest, code) -> HttpResponse:
    """The certificate is made in the background; a GET, as it is a link in the list."""
    registration = registrations.get_registration(request.user, code)
    if not offers.can_manage(registration.offer, request.user):
        raise Http404
    return see_download(certificates.request_certificate(registration, request.user))


# -- Registering one person, from the person page -----------------------------


def _person_for_offers(request: HttpRequest, code) -> Participant:
    """The person if their organisation is one where the user registers people (the
    request's scope under ``OFFER_STAFF``), else 404."""
    return get_object_or_404(
        Participant.objects.select_related("organisation").filter(anonymised_at=None),
        public_id=code,
    )


def open_offers_for(user, participant: Participant, now=None) -> list[dict]:
    """Offers the user sees that still have a date to come and take registrations, soonest
    first, with their free places and whether the person is registered already.

    One query for the offers with their counts, the next date's start and the person's
    registration; one for the upcoming dates.
    """
    now = now or timezone.now()
    upcoming = OfferDate.objects.filter(offer=OuterRef("pk"), ends_at__gte=now, cancelled=False)
    registered = Registration.objects.filter(offer=OuterRef("pk"), participant=participant).exclude(
        status=RegistrationStatus.CANCELLED
    )
    found = (
        offers.with_places(offers.offers_visible_to(user))
        .filter(registration_open=True)
        .annotate(
            next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
            registered=Exists(registered),
        )
        .filter(next_start__isnull=False)
        .select_related("contact_point")
        .prefetch_related(offers.upcoming_dates(now))
        .order_by("next_start", "pk")[:PERSON_OFFERS]
    )
    language = get_language()
    return [
        {
            "offer": offer,
            "title": offer.title_text(language),
            "dates": [date for date in offer.upcoming if not date.cancelled][:3],
            "free": offers.free_places(offer),
            "registered": offer.registered,
        }
        for offer in found
    ]


@allow(OFFER_STAFF)
def person_register(request: HttpRequest, code) -> HttpResponse:
    """Register one person for an offer chosen from the ones to come (from the person page).

    The same service as the offer's page (``registrations.register``): a place while
    there is one, else the waiting list.
    """
    participant = _person_for_offers(request, code)
    person_url = reverse("people:detail", kwargs={"code": participant.public_id})
    if request.method == "POST":
        try:
            chosen = uuid.UUID(request.POST.get("offer", ""))
        except ValueError:
            raise Http404 from None
        offer = offers.get_offer(request.user, chosen)
        title = offer.title_text(get_language())
        try:
            registration = registrations.register(offer, request.user, participant=participant)
        except RegistrationError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        if registration.status == RegistrationStatus.WAITING:
            messages.warning(
                request,
                _("The offer is full: on the waiting list for %(offer)s.") % {"offer": title},
            )
        else:
            messages.success(request, _("Registered for %(offer)s.") % {"offer": title})
        return redirect(person_url)
    view_participant(participant, request.user)
    return render(
        request,
        "learning/offers/person_register.html",
        {
            "participant": participant,
            "person_url": person_url,
            "rows": open_offers_for(request.user, participant),
        },
    )
