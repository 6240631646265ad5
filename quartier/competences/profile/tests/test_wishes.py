"""What the person looks for, on the summary form: the hours per week wanted and the date
from which they are available (matching reads both)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.competences.models import CompetenceProfile

pytestmark = pytest.mark.django_db


def url(person, name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"competences:{name}", kwargs={"code": person.public_id})


def test_a_counsellor_records_the_hours_wanted_and_the_date_available(client, counsellor, rami):
    client.force_login(counsellor)
    form = client.get(url(rami, "summary")).content.decode()
    assert '<label for="id_hours_per_week">Hours per week wanted' in form
    assert 'type="date" name="available_from"' in form
    assert "Empty: available now." in form
    response = client.post(
        url(rami, "summary"),
        {"summary": "Koch.", "hours_per_week": "19.5", "available_from": "2026-09-01"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        profile = CompetenceProfile.objects.get()
        [entry] = AuditEntry.objects.filter(code="competences.profile.changed")
    assert (profile.summary, profile.hours_per_week, profile.available_from) == (
        "Koch.",
        Decimal("19.5"),
        date(2026, 9, 1),
    )
    assert entry.data == {"fields": ["available_from", "hours_per_week", "summary"]}
    page = client.get(url(rami, "profile")).content.decode()
    assert "<dt>Hours per week wanted</dt><dd>19.5</dd>" in page
    assert "Sept. 1, 2026" in page or "September 1, 2026" in page
    # The form shows what is stored; emptying the fields clears them.
    form = client.get(url(rami, "summary")).content.decode()
    assert 'value="19.5"' in form and 'value="2026-09-01"' in form
    client.post(
        url(rami, "summary"), {"summary": "Koch.", "hours_per_week": "", "available_from": ""}
    )
    with scopes_disabled():
        profile = CompetenceProfile.objects.get()
    assert (profile.hours_per_week, profile.available_from) == (None, None)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "Die Wochenstunden müssen zwischen 1 und 60 liegen."),
        ("kmr", "Divê saetên heftiyê di navbera 1 û 60 de bin."),
        ("uk", None),
    ],
)
def test_hours_out_of_range_are_refused_in_the_users_language_and_nothing_is_saved(
    client, counsellor, rami, language, message
):
    client.force_login(counsellor)
    for hours in ("0", "61", "viele"):
        page = client.post(
            url(rami, "summary", language), {"summary": "x", "hours_per_week": hours}
        ).content.decode()
        if message is None:
            with translation.override(language):
                message = str(translation.gettext("Hours per week must be between 1 and 60."))
            assert message != "Hours per week must be between 1 and 60."
        assert message in page, hours
    with scopes_disabled():
        assert not CompetenceProfile.objects.exists()


def test_only_the_persons_counsellors_change_it(client, personas, rami):
    for persona, status in (("lead", 403), ("outsider", 403), ("employer", 403)):
        client.force_login(personas[persona])
        response = client.post(url(rami, "summary"), {"summary": "x", "hours_per_week": "20"})
        assert response.status_code == status, persona
    with scopes_disabled():
        assert not CompetenceProfile.objects.exists()
