"""Checking passports on the public page resists guessing: a limit per address, a honeypot.

The clock stands still (``frozen_today``), so the counting window does not turn over.
"""

import pytest
from django_scopes import scopes_disabled

from quartier.competences.passport.services import issue_passport

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many attempts. Please wait a little and try again."
NOT_FOUND = "No passport with this verification code was found."


def test_one_address_gets_the_form_back_after_too_many_lookups(client, rami, counsellor, settings):
    settings.PUBLIC_FORM_RATE_PER_IP = "3/m"
    with scopes_disabled():
        passport, _new = issue_passport(rami, counsellor)
    for guess in ("AAAAA11111", "BBBBB22222", "CCCCC33333"):
        response = client.get(f"/en/passport/verify/{guess}/", REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 404

    response = client.get(f"/en/passport/verify/{passport.code}/", REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY in html
    assert "Beratung Ost" not in html  # the lookup is not made
    assert 'name="code"' in html  # the form is there to try again later
    response = client.get(f"/en/passport/verify/{passport.code}/", REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200


def test_a_filled_honeypot_is_answered_like_an_unknown_code(client, rami, counsellor):
    with scopes_disabled():
        passport, _new = issue_passport(rami, counsellor)
    page = client.get("/en/passport/verify/").content.decode()
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_website">' in page

    response = client.get("/en/passport/verify/", {"code": passport.code, "website": "x"})

    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND in html
    assert "Beratung Ost" not in html
