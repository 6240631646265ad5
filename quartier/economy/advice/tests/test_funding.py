"""The funding catalogue (data, load-funding), funding advice and applications of founders."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from quartier.accounts.models import AuditEntry
from quartier.economy.advice.founders import create_founder
from quartier.economy.advice.funding import (
    load_catalogue,
    record_advice,
    record_application,
    record_outcome,
)
from quartier.economy.models import ApplicationOutcome, FundingApplication, FundingProgramme
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.tests.advice_fixtures import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def founder(personas):
    return create_founder(
        personas["advisor"], name="Iryna Bondar", business_idea="A bakery for Ukrainian bread"
    )


def test_the_command_loads_the_catalogue_and_a_second_run_updates_instead_of_duplicating(
    capsys,
):
    call_command("load-funding")
    first = FundingProgramme.objects.count()
    assert first >= 8
    call_command("load-funding")
    assert FundingProgramme.objects.count() == first
    assert f"0 programmes created, {first} updated." in capsys.readouterr().out
    grant = FundingProgramme.objects.get(slug="gruendungszuschuss")
    assert grant.kind == "grant"
    assert grant.description("en").startswith("A discretionary allowance")
    # Russian is not in the catalogue: German is the fallback.
    assert grant.description("ru") == grant.descriptions["de"]


def test_a_bad_catalogue_writes_nothing(tmp_path):
    bad = tmp_path / "funding.toml"
    bad.write_text(
        '[[programme]]\nslug = "good"\nname = "Good"\nprovider = "P"\nkind = "grant"\n\n'
        '[[programme]]\nslug = "bad"\nname = "Bad"\nprovider = "P"\nkind = "gift"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="Programme 2 \\(bad\\)"):
        load_catalogue(bad)
    assert FundingProgramme.objects.count() == 0


def test_the_catalogue_page_says_the_data_is_an_example_to_verify(client, personas, catalogue):
    client.force_login(personas["advisor"])
    response = client.get(reverse("economy:funding-list"))
    assert response.status_code == 200
    assert "Example data" in response.content.decode()
    assert "KfW" in response.content.decode()


def test_an_advisor_records_advice_an_application_and_its_outcome(
    client, personas, catalogue, founder
):
    client.force_login(personas["advisor"])
    loan = FundingProgramme.objects.get(slug="kfw-startgeld")
    grant = FundingProgramme.objects.get(slug="gruendungszuschuss")
    response = client.post(
        reverse("economy:founder-advice", kwargs={"code": founder.public_id}),
        {"date": "2026-06-10", "programmes": [loan.pk, grant.pk], "notes": "Business plan first"},
    )
    assert response.status_code == 302
    advice = founder.advice.get()
    assert set(advice.programmes.values_list("slug", flat=True)) == {
        "kfw-startgeld",
        "gruendungszuschuss",
    }
    response = client.post(
        reverse("economy:founder-application", kwargs={"code": founder.public_id}),
        {"programme": loan.pk, "applied_on": "2026-06-12", "amount_requested": "25000"},
    )
    assert response.status_code == 302
    application = founder.applications.get()
    assert application.outcome == ApplicationOutcome.PENDING
    url = reverse(
        "economy:application-outcome", kwargs={"code": founder.public_id, "pk": application.pk}
    )
    response = client.post(
        url, {"outcome": "granted", "decided_on": "2026-06-14", "amount_granted": "20000"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.outcome, application.amount_granted) == ("granted", Decimal("20000"))
    codes = set(AuditEntry.objects.values_list("code", flat=True))
    assert {
        "economy.funding_advice.added",
        "economy.funding_application.added",
        "economy.funding_application.decided",
    } <= codes
    page = client.get(reverse("economy:founder-detail", kwargs={"code": founder.public_id}))
    assert "ERP-Gründerkredit – StartGeld" in page.content.decode()


def test_a_decision_needs_a_date_not_before_the_application(personas, catalogue, founder):
    loan = FundingProgramme.objects.get(slug="kfw-startgeld")
    application = record_application(founder, personas["advisor"], loan, TODAY)
    with pytest.raises(ValidationError, match="Say when it was decided"):
        record_outcome(application, personas["advisor"], "refused", None)
    with pytest.raises(ValidationError, match="cannot come before the application"):
        record_outcome(application, personas["advisor"], "refused", TODAY.replace(day=1))
    # A refusal keeps no granted amount.
    record_outcome(application, personas["advisor"], "refused", TODAY, Decimal("10"))
    application.refresh_from_db()
    assert application.amount_granted is None


def test_advice_cannot_be_dated_in_the_future(personas, catalogue, founder):
    with pytest.raises(ValidationError, match="future"):
        record_advice(founder, personas["advisor"], TODAY.replace(day=16), [])


def test_a_bad_outcome_form_saves_nothing(client, personas, catalogue, founder):
    loan = FundingProgramme.objects.get(slug="kfw-startgeld")
    application = record_application(founder, personas["advisor"], loan, TODAY)
    client.force_login(personas["advisor"])
    url = reverse(
        "economy:application-outcome", kwargs={"code": founder.public_id, "pk": application.pk}
    )
    response = client.post(url, {"outcome": "granted", "decided_on": ""}, follow=True)
    assert "Say when it was decided." in response.content.decode()
    assert FundingApplication.objects.get().outcome == "pending"


def test_another_organisations_advisor_cannot_record_advice_for_the_founder(
    client, other_advisor, catalogue, founder
):
    client.force_login(other_advisor)
    url = reverse("economy:founder-advice", kwargs={"code": founder.public_id})
    assert client.post(url, {"date": "2026-06-10"}).status_code == 404
    assert AuditEntry.objects.filter(code="economy.funding_advice.added").count() == 0
