"""The advice part's demo: founders, consultations and about 60 vacancies, made once."""

from datetime import date

import pytest

from quartier.accounts.models import Organisation, User
from quartier.demo.advice import FOUNDERS, create_demo_advice
from quartier.demo.logins import create_demo_logins
from quartier.economy.businesses.register import save_business
from quartier.economy.models import Consultation, Founder, Vacancy, VacancyStatus
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.people.intake import take_in
from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import LEIPZIG

pytestmark = pytest.mark.django_db


def test_the_demo_makes_founders_consultations_and_vacancies_once(project):
    load_site_pack(LEIPZIG)
    create_demo_logins()
    advisor = User.objects.get(email="wirtschaft@quartier.example")
    for number in range(10):
        save_business(
            None, {"name": f"Betrieb {number}", "languages": ["vi"] if number % 2 else []}, advisor
        )
    dialog = Organisation.objects.get(slug="dialog")
    counsellor = User.objects.get(email="beratung@quartier.example")
    people = [
        take_in(
            dialog,
            project,
            counsellor,
            date(2026, 1, 5),
            given_name=f"P{n}",
            family_name="Demo",
            preferred_language=lang,
        )
        for n, lang in enumerate(["uk", "ar", "vi", "de", "ru", "kmr"])
    ]
    create_demo_advice(people)
    assert Founder.objects.count() == len(FOUNDERS)
    assert Founder.objects.filter(participant__isnull=False).exists()
    assert Consultation.objects.exists()
    assert Vacancy.objects.count() == 60
    assert Vacancy.objects.filter(published=True, status=VacancyStatus.OPEN).count() > 20
    assert Vacancy.objects.filter(status=VacancyStatus.FILLED, filled_by__isnull=False).exists()
    assert create_demo_advice(people) == "Demo advice already there."
    assert Vacancy.objects.count() == 60
