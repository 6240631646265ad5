"""The demo of the sharing part: consents, requests and passports, made once."""

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Role
from quartier.competences.conftest import *  # noqa: F403 (the competences fixtures)
from quartier.competences.models import ContactRequest, Passport
from quartier.competences.profile.languages import add_language
from quartier.conftest import make_user
from quartier.demo.employers import DEMO_BUSINESS, create_demo_sharing
from quartier.people.models import Consent, Purpose

pytestmark = pytest.mark.django_db


def test_the_demo_shares_profiles_asks_for_contact_and_issues_passports_once(
    rami, stranger, counsellor, business_org, personas
):
    business_org.slug = DEMO_BUSINESS
    business_org.save()
    employer = make_user("betrieb@quartier.example", Role.EMPLOYER, business_org)
    assert Membership.objects.filter(user=employer).exists()
    with scopes_disabled():
        add_language(rami, counsellor, language="de", understanding="A2")
        add_language(stranger, personas["outsider"], language="uk", understanding="native")
        people = [rami, stranger]
        first = create_demo_sharing(people, counsellor, seed=1)
        counts = (
            Consent.objects.filter(purpose=Purpose.EMPLOYER_PROFILE).count(),
            ContactRequest.objects.count(),
            Passport.objects.count(),
        )
        second = create_demo_sharing(people, counsellor, seed=1)
        again = (
            Consent.objects.filter(purpose=Purpose.EMPLOYER_PROFILE).count(),
            ContactRequest.objects.count(),
            Passport.objects.count(),
        )
        assert Passport.objects.filter(status=Passport.Status.READY).count() == counts[2]
    assert counts == again
    assert counts[2] >= 1  # Rami's Arabic passport at least
    assert "passports" in first
    assert "0 consents" in second and "0 contact requests" in second and "0 passports" in second
