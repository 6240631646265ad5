import pytest
from django.core.management import call_command

from quartier.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from quartier.accounts.models import Membership, Organisation, Role, User

pytestmark = pytest.mark.django_db


def test_demo_creates_one_login_per_role_and_keeps_one_copy(capsys):
    call_command("demo", "--no-serve", verbosity=0)
    call_command("demo", "--no-serve", verbosity=0)
    out = capsys.readouterr().out
    assert {login.role for login in DEMO_LOGINS} == set(Role.values)
    assert User.objects.count() == len(DEMO_LOGINS)
    assert Membership.objects.count() == len(DEMO_LOGINS)
    assert Organisation.objects.filter(slug="dialog").count() == 1
    for login in DEMO_LOGINS:
        assert login.email in out
        assert User.objects.get(email=login.email).check_password(DEMO_PASSWORD)


def test_a_demo_login_works(client):
    call_command("demo", "--no-serve", verbosity=0)
    response = client.post(
        "/de/staff/login/",
        {"username": "projektleitung@quartier.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/de/staff/audit/").status_code == 200
