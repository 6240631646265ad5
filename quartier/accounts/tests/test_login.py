import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/de/staff/login/"


def sign_in(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def test_it_signs_in_with_the_email_in_any_case(client, counsellor):
    response = sign_in(client, "Counsellor@Example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/de/staff/"
    assert client.get("/de/staff/").status_code == 200


def test_it_opens_the_dashboard_in_the_users_language(client, counsellor):
    counsellor.language = "ar"
    counsellor.save()
    response = sign_in(client, counsellor.email, PASSWORD)
    assert response["Location"] == "/ar/staff/"
    page = client.get(response["Location"])
    assert 'dir="rtl"' in page.content.decode()


def test_it_says_clearly_when_the_password_is_wrong(client, counsellor):
    response = client.post(
        "/en/staff/login/", {"username": counsellor.email, "password": "wrong password"}
    )
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_does_not_follow_a_next_link_to_another_site(client, counsellor):
    response = client.post(
        LOGIN,
        {"username": counsellor.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/de/staff/"


def test_it_locks_an_account_after_five_failures_for_the_configured_time(client, counsellor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client, counsellor.email, "wrong password")
        # Even the right password is refused now, with a clear message.
        response = sign_in(client, counsellor.email, PASSWORD)
        assert response.status_code == 429
        assert "15" in response.content.decode()
        assert "_auth_user_id" not in client.session

    with time_machine.travel(start + timezone.timedelta(minutes=14), tick=False):
        assert sign_in(client, counsellor.email, PASSWORD).status_code == 429

    with time_machine.travel(start + timezone.timedelta(minutes=16), tick=False):
        response = sign_in(client, counsellor.email, PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(counsellor.pk)


def test_a_locked_account_is_locked_from_every_address(client, counsellor):
    for _ in range(5):
        sign_in(client, counsellor.email, "wrong password", REMOTE_ADDR="10.0.0.1")
    response = sign_in(client, counsellor.email, PASSWORD, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429


def test_an_address_with_many_failures_is_locked_for_every_account(client, personas):
    for number in range(5):
        sign_in(client, f"nobody{number}@example.org", "guess", REMOTE_ADDR="10.0.0.9")
    response = sign_in(client, personas["lead"].email, PASSWORD, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    # The same account from another address is not affected.
    response = sign_in(client, personas["lead"].email, PASSWORD, REMOTE_ADDR="10.0.0.10")
    assert response.status_code == 302


def test_sign_in_and_failures_are_in_the_audit_log(client, counsellor):
    sign_in(client, counsellor.email, "wrong password")
    sign_in(client, counsellor.email, PASSWORD)
    with scopes_disabled():
        codes = list(AuditEntry.objects.order_by("id").values_list("code", flat=True))
        failure = AuditEntry.objects.get(code="accounts.login.failed")
    assert codes == ["accounts.login.failed", "accounts.login.succeeded"]
    assert "password" not in failure.data
    assert (failure.subject_id, failure.data) == (str(counsellor.pk), {})


def test_a_failed_sign_in_for_an_unknown_address_keeps_only_a_keyed_hash(client):
    sign_in(client, "Someone.Else@Example.org", "secret-typed-here")
    with scopes_disabled():
        failure = AuditEntry.objects.get(code="accounts.login.failed")
    text = str(failure.data)
    assert "someone" not in text.lower() and "secret" not in text
    assert len(failure.data["unknown_address"]) == 32
    # the same address gives the same hash, so repeated attempts can be told apart
    sign_in(client, "someone.else@example.org", "again")
    with scopes_disabled():
        hashes = set(
            AuditEntry.objects.filter(code="accounts.login.failed").values_list(
                "data__unknown_address", flat=True
            )
        )
    assert len(hashes) == 1


def test_sign_out_needs_a_post(client, counsellor):
    client.force_login(counsellor)
    assert client.get("/de/staff/logout/").status_code == 405
    assert client.post("/de/staff/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_a_second_factor_is_asked_for_after_the_password(client, counsellor):
    device = confirmed_device(counsellor)
    response = sign_in(client, counsellor.email, PASSWORD)
    assert response["Location"] == reverse("accounts:login-otp")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("accounts:login-otp"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    # django-otp throttles a device for a moment after a wrong code.
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5)):
        device.refresh_from_db()
        response = client.post(reverse("accounts:login-otp"), {"code": current_code(device)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(counsellor.pk)


def test_too_many_wrong_codes_start_the_sign_in_again(client, counsellor):
    confirmed_device(counsellor)
    sign_in(client, counsellor.email, PASSWORD)
    for _ in range(5):
        response = client.post(reverse("accounts:login-otp"), {"code": "000000"})
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:login-otp"))["Location"] == reverse("accounts:login")


def test_the_code_step_cannot_be_reached_without_the_password(client, counsellor):
    response = client.get(reverse("accounts:login-otp"))
    assert response["Location"] == reverse("accounts:login")


def test_a_user_switches_on_the_second_factor_with_a_first_code(client, counsellor):
    client.force_login(counsellor)
    page = client.get(reverse("accounts:otp-setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=counsellor, confirmed=False)

    response = client.post(reverse("accounts:otp-setup"), {"code": "123456"})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5)):
        client.post(reverse("accounts:otp-setup"), {"code": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.otp.enabled").count() == 1


def test_the_second_factor_is_switched_off_only_with_a_current_code(client, counsellor):
    device = confirmed_device(counsellor)
    client.force_login(counsellor)
    client.post(reverse("accounts:otp-disable"), {"code": "000000"})
    assert TOTPDevice.objects.filter(user=counsellor).exists()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5)):
        client.post(reverse("accounts:otp-disable"), {"code": current_code(device)})
    assert not TOTPDevice.objects.filter(user=counsellor).exists()


def test_password_reset_mail_is_in_the_users_language(client, counsellor, mailoutbox):
    counsellor.language = "en"
    counsellor.save()
    response = client.post("/de/staff/password-reset/", {"email": counsellor.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [counsellor.email]
    assert "/en/staff/password-reset/" in message.body


def test_password_reset_link_sets_a_new_password(client, counsellor, mailoutbox):
    client.post("/de/staff/password-reset/", {"email": counsellor.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "a new and long password 42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    counsellor.refresh_from_db()
    assert counsellor.check_password(new_password)


def test_password_reset_does_not_reveal_unknown_addresses(client, mailoutbox):
    response = client.post("/de/staff/password-reset/", {"email": "unknown@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
