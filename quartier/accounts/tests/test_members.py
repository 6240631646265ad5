import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Membership, Role, User

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_new_member_who_gets_a_link(client, personas, home_org, mailoutbox):
    client.force_login(personas["admin"])
    response = client.post(
        "/en/staff/members/",
        {
            "email": "New.Colleague@example.org",
            "name": "New Colleague",
            "role": Role.COUNSELLOR,
            "organisation": home_org.pk,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.colleague@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.filter(
        user=user, organisation=home_org, role=Role.COUNSELLOR
    ).exists()
    assert len(mailoutbox) == 1
    assert "Beratung Ost" in mailoutbox[0].body
    assert "/staff/password-reset/" in mailoutbox[0].body
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.membership.added").count() == 1


def test_an_administrator_cannot_add_members_to_another_organisation(client, personas, other_org):
    client.force_login(personas["admin"])
    response = client.post(
        "/en/staff/members/",
        {
            "email": "x@example.org",
            "name": "X",
            "role": Role.PROJECT_LEAD,
            "organisation": other_org.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_administrator_removes_a_role_only_in_their_organisation(client, personas):
    client.force_login(personas["admin"])
    mine = Membership.objects.get(user=personas["counsellor"])
    theirs = Membership.objects.get(user=personas["outsider"])
    assert client.post(f"/en/staff/members/{theirs.pk}/remove/").status_code == 404
    client.post(f"/en/staff/members/{mine.pk}/remove/")
    assert not Membership.objects.filter(pk=mine.pk).exists()
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_the_member_list_shows_only_the_own_organisation(client, personas):
    client.force_login(personas["admin"])
    page = client.get("/en/staff/members/").content.decode()
    assert "counsellor@example.org" in page
    assert "lead@elsewhere.example.org" not in page
