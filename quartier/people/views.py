"""Staff pages for participants: intake, the list, the person page, entry data, consent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow
from quartier.accounts.audit import log_action
from quartier.lib.countries import country_name
from quartier.lib.keyset import keyset_page
from quartier.lib.languages import language_name
from quartier.lib.partials import render_partial
from quartier.lib.pickers import picker_response
from quartier.lib.search import search_key
from quartier.people import person_links, timeline
from quartier.people.consent import ConsentError, record_consents, withdraw_consent
from quartier.people.entry import (
    can_see_special_categories,
    change_entry_data,
    is_overdue,
)
from quartier.people.filters import ParticipantFilter, alphabetical
from quartier.people.forms import (
    ConsentForm,
    EntryDataForm,
    IntakeForm,
    ParticipantForm,
    ShortContactForm,
)
from quartier.people.intake import (
    CASEWORK,
    change_participant,
    possible_duplicates,
    take_in,
    view_participant,
)
from quartier.people.models import INFORMATION_ONLY, Consent, Participant, ShortContact
from quartier.people.pickers import picker_label
from quartier.people.short_contacts import count_short_contact, month_totals

PAGE_SIZE = 50


def _participants(request: HttpRequest) -> QuerySet[Participant]:
    """People held by the organisations where the user does casework: the scope of
    every view here (``CASEWORK``)."""
    return Participant.objects.all()


def _get_participant(request: HttpRequest, code, *related: str) -> Participant:
    """The person, or 404 when another organisation holds them (or nobody does)."""
    return get_object_or_404(_participants(request).select_related(*related), public_id=code)


@allow(CASEWORK)
def participant_list(request: HttpRequest) -> HttpResponse:
    people = _participants(request).filter(anonymised_at=None)
    participant_filter = ParticipantFilter(request.GET or None, queryset=people, user=request.user)
    if participant_filter.is_valid():
        people = participant_filter.qs
    searched = (
        participant_filter.form.cleaned_data.get("q", "") if participant_filter.is_bound else ""
    )
    people = alphabetical(people.select_related("quarter", "entry"), searched)
    # Keyset pages: the same cost on the first page and the last of a million.
    page = keyset_page(people, request.GET.get("cursor"), per_page=PAGE_SIZE)
    # Who was shown to whom: one entry per page, with the reference numbers listed.
    log_action(
        "people.participant.listed",
        actor=request.user,
        organisation=CASEWORK.organisations(request.user)[0],
        data={"page": page.number, "people": [str(person.public_id) for person in page]},
    )
    today = timezone.localdate()
    rows = [
        {
            "person": person,
            "language": language_name(person.preferred_language),
            "entry": getattr(person, "entry", None),
            "overdue": hasattr(person, "entry") and is_overdue(person.entry, today),
        }
        for person in page
    ]
    return render(
        request,
        "people/participant_list.html",
        {"form": participant_filter.form, "page": page, "rows": rows},
    )


@allow(CASEWORK)
def participant_pick(request: HttpRequest) -> HttpResponse:
    """The participant picker's endpoint: the list's rule (``CASEWORK``), audited like it.

    Whom the picked person may be in a form is that form's view's business; this
    shows only people the user could find on the list, by name, birth date and
    Latin transliteration, so two people of the same name can be told apart.
    """
    people = _participants(request).filter(anonymised_at=None)

    def shown(found: list[Participant]) -> list[tuple[str, str]]:
        if found:
            log_action(
                "people.participant.listed",
                actor=request.user,
                organisation=CASEWORK.organisations(request.user)[0],
                data={"picker": True, "people": [str(person.public_id) for person in found]},
            )
        return [(str(person.public_id), picker_label(person)) for person in found]

    def search(query: str, limit: int) -> list[tuple[str, str]]:
        found = people
        for word in search_key(query).split():
            found = found.filter(search_key__contains=word)
        return shown(list(alphabetical(found, query)[:limit]))

    def pick(value: str) -> tuple[str, str] | None:
        try:
            found = list(people.filter(public_id=value))
        except ValidationError:  # not a UUID
            return None
        return shown(found)[0] if found else None

    return picker_response(request, search, pick)


@allow(CASEWORK)
def intake(request: HttpRequest) -> HttpResponse:
    organisations = CASEWORK.organisations(request.user)
    form = IntakeForm(request.POST or None, organisations=organisations)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        organisation = form.chosen_organisation()
        data = form.cleaned_data
        duplicates = possible_duplicates(
            organisation,
            data["project"],
            data["given_name"],
            data["family_name"],
            data["date_of_birth"],
            data["postcode"],
            data["name_latin"],
        )
        if duplicates and not data["different_person"]:
            form.add_error(
                "different_person",
                _("Check the people listed above; if this is someone else, tick this box."),
            )
        else:
            with transaction.atomic():
                participant = take_in(
                    organisation,
                    data["project"],
                    request.user,
                    data["entry_date"],
                    **form.participant_fields(),
                )
                if duplicates:
                    log_action(
                        "people.participant.duplicate_dismissed",
                        actor=request.user,
                        subject=participant,
                        data={"similar": [d.public_id for d in duplicates]},
                    )
            messages.success(request, _("The person has been taken in."))
            return redirect("people:detail", code=participant.public_id)
    return render(request, "people/intake.html", {"form": form, "duplicates": duplicates})


def _consents_prefetch() -> Prefetch:
    return Prefetch(
        "consents",
        queryset=Consent.objects.select_related("recipient", "recorded_by").order_by("-given_at"),
    )


@allow(CASEWORK)
def participant_detail(request: HttpRequest, code) -> HttpResponse:
    participant = get_object_or_404(
        _participants(request)
        .select_related(
            "organisation", "project", "quarter", "neighbourhood", "entry", "created_by"
        )
        .prefetch_related(_consents_prefetch()),
        public_id=code,
    )
    view_participant(participant, request.user)
    entry = getattr(participant, "entry", None)
    context = {
        "participant": participant,
        "entry": entry,
        "overdue": entry is not None and is_overdue(entry),
        "special_categories": can_see_special_categories(request.user, participant),
        "languages": [language_name(code) for code in participant.languages],
        "preferred_language": language_name(participant.preferred_language),
        "citizenships": [country_name(code) for code in participant.citizenships],
        "consents": [
            {"consent": consent, "language": language_name(consent.language)}
            for consent in participant.consents.all()
        ],
        "links": person_links.links_for(participant, request.user),
        "actions": person_links.actions_for(participant, request.user),
        "panels": person_links.panels_for(participant, request.user),
        **_timeline_context(participant, request),
    }
    return render_partial(
        request, "people/participant_detail.html", "people/_timeline.html", context
    )


def _timeline_context(participant: Participant, request: HttpRequest) -> dict:
    """The newest entries and, when there are more, the link that shows the next page."""
    entries = timeline.entries_for(participant, request.user)
    count = timeline.shown(request.GET.get("timeline"))
    return {
        "timeline": entries[:count],
        "timeline_more": count + timeline.PAGE if len(entries) > count else None,
        "timeline_total": len(entries),
    }


@allow(CASEWORK)
def participant_edit(request: HttpRequest, code) -> HttpResponse:
    participant = _get_participant(request, code, "organisation")
    view_participant(participant, request.user)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        # The form has set the new values on the instance; the service compares
        # with the stored record, so it gets a fresh copy.
        stored = _get_participant(request, code, "organisation")
        change_participant(stored, request.user, **form.participant_fields())
        messages.success(request, _("Saved."))
        return redirect("people:detail", code=participant.public_id)
    return render(
        request, "people/participant_form.html", {"participant": participant, "form": form}
    )


@allow(CASEWORK)
def entry_data(request: HttpRequest, code) -> HttpResponse:
    participant = _get_participant(request, code, "organisation", "entry")
    view_participant(participant, request.user)
    special = can_see_special_categories(request.user, participant)
    form = EntryDataForm(
        request.POST or None, instance=participant.entry, special_categories=special
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = change_entry_data(participant, request.user, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if entry.is_complete:
                messages.success(request, _("The ESF+ entry data are complete."))
            else:
                messages.success(request, _("Saved; the ESF+ entry data are not complete yet."))
            return redirect("people:detail", code=participant.public_id)
    return render(
        request,
        "people/entry_data.html",
        {"participant": participant, "form": form, "special_categories": special},
    )


@allow(CASEWORK)
def consent_record(request: HttpRequest, code) -> HttpResponse:
    """The whole sheet on one page: the notice, every purpose as a box, one POST.

    What is already given is listed with its date (a consent with a button to
    withdraw it, the notice without), so the page is also where a consent ends.
    """
    participant = _get_participant(request, code, "organisation")
    view_participant(participant, request.user)
    live = list(
        Consent.objects.filter(participant=participant, withdrawn_at=None)
        .select_related("recipient")
        .order_by("given_at", "pk")
    )
    form = ConsentForm(request.POST or None, participant=participant, live=live)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = record_consents(
                participant,
                data["purpose"],
                data["language"],
                request.user,
                notice=data.get("notice", False),
                recipient=data["recipient"],
            )
        except ConsentError:
            # Given in another window since the page was opened: nothing is saved.
            form.add_error(
                "purpose", _("This has already been recorded and not withdrawn; see the list.")
            )
        else:
            messages.success(
                request,
                ngettext("%(count)d record saved.", "%(count)d records saved.", len(recorded))
                % {"count": len(recorded)},
            )
            return redirect("people:detail", code=participant.public_id)
    context = {
        "participant": participant,
        "form": form,
        "given": [
            {"consent": consent, "language": language_name(consent.language)}
            for consent in live
            if consent.purpose not in INFORMATION_ONLY
        ],
        "notices": [
            {"consent": consent, "language": language_name(consent.language)}
            for consent in form.notices
        ],
    }
    return render(request, "people/consent_form.html", context)


@allow(CASEWORK)
@require_POST
def consent_withdraw(request: HttpRequest, code, pk: int) -> HttpResponse:
    participant = _get_participant(request, code, "organisation")
    consent = get_object_or_404(Consent.objects.filter(participant=participant), pk=pk)
    consent.participant = participant
    if consent.purpose in INFORMATION_ONLY:
        messages.error(
            request, _("An information notice is not a consent and cannot be withdrawn.")
        )
    elif consent.withdrawn_at is None:
        withdraw_consent(consent, request.user)
        messages.success(
            request,
            _("Withdrawn: %(purpose)s. This takes effect at once.")
            % {"purpose": consent.get_purpose_display()},
        )
    if request.POST.get("back") == "consents":
        return redirect("people:consent-record", code=participant.public_id)
    return redirect("people:detail", code=participant.public_id)


@allow(CASEWORK)
def short_contacts(request: HttpRequest) -> HttpResponse:
    organisations = CASEWORK.organisations(request.user)
    form = ShortContactForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count_short_contact(
                form.chosen_organisation(),
                data["project"],
                request.user,
                kind=data["kind"],
                on=data["date"],
                language=data["language"],
                people=data["people"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Counted."))
            return redirect("people:short-contact")
    today = timezone.localdate()
    kinds = dict(ShortContact.Kind.choices)
    totals = [
        {**row, "label": kinds.get(row["kind"], row["kind"])}
        for row in month_totals(organisations, today)
    ]
    recent = [
        {"contact": contact, "language": language_name(contact.language)}
        for contact in ShortContact.objects.filter(
            organisation__in=organisations, date__gte=today.replace(day=1)
        )
        .select_related("project")
        .order_by("-date", "-pk")[:PAGE_SIZE]
    ]
    return render(
        request,
        "people/short_contacts.html",
        {"form": form, "totals": totals, "recent": recent, "month": today},
    )
