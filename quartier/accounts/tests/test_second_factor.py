"""A second factor where it is required: staff pages for the named roles, the admin."""

import pytest
from django.urls import reverse

from quartier.accounts.tests.test_login import confirmed_device, current_code, sign_in
from quartier.conftest import PASSWORD

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/de/staff/people/"


def sign_in_with_code(client, user):
    device = confirmed_device(user)
    response = sign_in(client, user.email, PASSWORD)
    assert response["Location"] == reverse("accounts:login-otp")
    return client.post(reverse("accounts:login-otp"), {"code": current_code(device)})


def test_a_required_role_without_a_second_factor_is_sent_to_set_it_up(client, lead, settings):
    settings.REQUIRE_2FA_ROLES = ["lead", "admin", "operator"]
    client.force_login(lead)
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp-setup")
    # the set-up page itself opens, and signing out works
    assert client.get(reverse("accounts:otp-setup")).status_code == 200


def test_a_required_role_signed_in_with_the_second_factor_works_as_usual(client, lead, settings):
    settings.REQUIRE_2FA_ROLES = ["lead"]
    sign_in_with_code(client, lead)
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_session_without_the_second_factor_must_sign_in_again(client, lead, settings):
    settings.REQUIRE_2FA_ROLES = ["lead"]
    confirmed_device(lead)
    client.force_login(lead)  # a session from before the second factor was switched on
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_roles_not_named_are_not_asked(client, counsellor, settings):
    settings.REQUIRE_2FA_ROLES = ["lead"]
    client.force_login(counsellor)
    assert client.get(STAFF_PAGE).status_code == 200


def test_public_pages_stay_open(client, lead, settings):
    settings.REQUIRE_2FA_ROLES = ["lead"]
    client.force_login(lead)
    assert client.get("/de/").status_code == 200


@pytest.fixture
def operator(personas):
    user = personas["admin"]
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_the_admin_asks_an_operator_with_a_second_factor_for_it(client, operator):
    confirmed_device(operator)
    client.force_login(operator)
    response = client.get("/ops/admin/", follow=True)
    # the admin's login hands over to the staff login, which has the second step
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200


def test_the_admin_opens_after_signing_in_with_the_second_factor(client, operator):
    sign_in_with_code(client, operator)
    assert client.get("/ops/admin/").status_code == 200


def test_the_admins_own_login_form_sends_to_the_staff_login(client):
    response = client.get("/ops/admin/login/?next=/ops/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_operators_can_be_required_to_use_a_second_factor(client, operator, settings):
    settings.REQUIRE_2FA_ROLES = ["operator"]
    client.force_login(operator)
    assert client.get(STAFF_PAGE.replace("people/", "")).status_code == 302


def test_a_signed_in_non_operator_is_refused_by_the_admin_and_stays_signed_in(client, lead):
    client.force_login(lead)
    response = client.get("/ops/admin/", follow=True)
    assert response.status_code == 403
    assert "_auth_user_id" in client.session
