"""The password reset resists abuse: limits per address and per e-mail address, a honeypot.

The clock stands still, so the counting windows do not turn over during a test.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext

from quartier.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET = "/en/staff/password-reset/"
TOO_MANY = "Too many attempts. Please wait a little and try again."
CHECK_ENTRIES = "Please check your entries and send the form again."


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=UTC), tick=False):
        yield


def test_one_address_gets_the_form_back_after_too_many_attempts(
    client, counsellor, settings, mailoutbox
):
    settings.PUBLIC_FORM_RATE_PER_IP = "2/m"
    for number in range(2):
        response = client.post(
            RESET, {"email": f"nobody{number}@example.org"}, REMOTE_ADDR="10.0.0.1"
        )
        assert response.status_code == 302

    response = client.post(RESET, {"email": counsellor.email}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert mailoutbox == []


def test_one_email_address_gets_the_form_back_after_too_many_attempts_from_anywhere(
    client, counsellor, settings, mailoutbox
):
    settings.PUBLIC_FORM_RATE_PER_EMAIL = "2/h"
    for number, typed in enumerate(["Counsellor@Example.org", " counsellor@example.org"]):
        response = client.post(RESET, {"email": typed}, REMOTE_ADDR=f"10.0.0.{number}")
        assert response.status_code == 302
    assert len(mailoutbox) == 2

    response = client.post(RESET, {"email": counsellor.email}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert len(mailoutbox) == 2


def test_a_filled_honeypot_is_refused_like_a_mistake(client, counsellor, mailoutbox):
    page = client.get(RESET).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_website">' in page

    response = client.post(RESET, {"email": counsellor.email, "website": "x"})

    assert response.status_code == 200
    assert CHECK_ENTRIES in response.content.decode()
    assert mailoutbox == []


def test_setting_the_new_password_gets_the_form_back_after_too_many_attempts(
    client, counsellor, settings, mailoutbox
):
    client.post(RESET, {"email": counsellor.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "password-reset/" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    settings.PUBLIC_FORM_RATE_PER_IP = "1/m"
    mismatch = {"new_password1": "a new and long password 42", "new_password2": "other"}
    assert client.post(form_url, mismatch, REMOTE_ADDR="10.0.0.1").status_code == 200

    new_password = "a new and long password 42"
    response = client.post(
        form_url,
        {"new_password1": new_password, "new_password2": new_password},
        REMOTE_ADDR="10.0.0.1",
    )

    assert response.status_code == 429
    # the link in the mail is in the user's language
    with translation.override(form_url.split("/")[1]):
        assert gettext(TOO_MANY) in response.content.decode()
    counsellor.refresh_from_db()
    assert counsellor.check_password(PASSWORD)
