"""The people forms' buttons, as a counsellor sees them in German: verbs, not nouns."""

import re
from datetime import date

import pytest

from quartier.people.intake import take_in
from quartier.tests.test_action_labels import NOT_ACTIONS

RENDERED = re.compile(r'<button[^>]*type="submit"[^>]*>([^<]*)</button>')


@pytest.mark.django_db
def test_the_main_staff_forms_say_what_they_do_in_german(client, counsellor, home_org, project):
    person = take_in(
        home_org, project, counsellor, date(2026, 3, 2), given_name="Lan", family_name="Trần"
    )
    client.force_login(counsellor)
    pages = {
        "intake": "/de/staff/people/intake/",
        "consent": f"/de/staff/people/{person.public_id}/consents/new/",
        "personal data": f"/de/staff/people/{person.public_id}/edit/",
        "entry data": f"/de/staff/people/{person.public_id}/entry-data/",
        "short contacts": "/de/staff/people/short-contacts/",
    }
    labels = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        labels[name] = [
            label.strip() for label in RENDERED.findall(response.content.decode()) if label.strip()
        ]
    assert "Erfassen" in labels["consent"]
    assert "Aufnehmen" in labels["intake"]
    for name, found in labels.items():
        assert not set(found) & NOT_ACTIONS, (name, found)
