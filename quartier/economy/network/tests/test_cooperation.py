"""Cooperation relations: recording, ending, and the counts per period for reporting."""

from datetime import date

import pytest
from anyascii import anyascii
from django.urls import reverse
from django.utils.text import slugify

from quartier.accounts.models import AuditEntry
from quartier.economy.models import Business, Cooperation, CooperationKind, Sector
from quartier.economy.network.cooperation import (
    CooperationError,
    cooperations,
    counts_per_period,
    end_cooperation,
    periods,
    record_cooperation,
)

pytestmark = pytest.mark.django_db


def make_business(name: str, sector: str = "gastronomy") -> Business:
    return Business.objects.create(
        name=name, slug=slugify(anyascii(name)), sector=Sector.objects.get(slug=sector)
    )


def test_a_relation_joins_a_business_and_an_organisation(personas, home_org):
    bakery = make_business("Bäckerei Korn", "crafts")
    cooperation = record_cooperation(
        bakery,
        home_org,
        CooperationKind.MENTORING,
        date(2025, 2, 1),
        personas["advisor"],
        note=" x ",
    )
    assert (cooperation.party_a, cooperation.party_b) == (bakery, home_org)
    assert cooperation.is_ongoing and cooperation.note == "x"
    entry = AuditEntry.objects.with_scopes_disabled().get(code="economy.cooperation.recorded")
    assert entry.data["kind"] == "mentoring"


def test_a_relation_needs_two_different_parties_and_a_sensible_span(personas, home_org):
    bakery = make_business("Bäckerei Korn", "crafts")
    with pytest.raises(CooperationError, match="two different parties"):
        record_cooperation(bakery, bakery, "supplier", date(2025, 1, 1), personas["advisor"])
    with pytest.raises(CooperationError, match="cannot end before"):
        record_cooperation(
            bakery, home_org, "supplier", date(2025, 1, 1), None, until=date(2024, 1, 1)
        )
    with pytest.raises(CooperationError, match="Unknown kind"):
        record_cooperation(bakery, home_org, "friendship", date(2025, 1, 1), None)
    assert not Cooperation.objects.exists()


def test_an_ongoing_relation_is_recorded_once(home_org):
    café = make_business("Café")
    record_cooperation(café, home_org, "event", date(2025, 1, 1), None)
    with pytest.raises(CooperationError, match="already recorded"):
        record_cooperation(home_org, café, "event", date(2025, 3, 1), None)
    record_cooperation(café, home_org, "mentoring", date(2025, 3, 1), None)  # another kind
    assert Cooperation.objects.count() == 2


def test_ending_a_relation_once(personas, home_org):
    cooperation = record_cooperation(
        make_business("Café"), home_org, "event", date(2025, 1, 1), None
    )
    end_cooperation(cooperation, date(2025, 5, 31), personas["advisor"])
    cooperation.refresh_from_db()
    assert cooperation.until == date(2025, 5, 31)
    with pytest.raises(CooperationError, match="already ended"):
        end_cooperation(cooperation, date(2025, 6, 30), personas["advisor"])


def test_quarter_years_run_across_the_turn_of_the_year():
    labels = [(p.label, p.start, p.end) for p in periods(date(2024, 11, 5), date(2025, 4, 1))]
    assert labels == [
        ("2024 Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("2025 Q1", date(2025, 1, 1), date(2025, 3, 31)),
        ("2025 Q2", date(2025, 4, 1), date(2025, 6, 30)),
    ]
    assert [p.label for p in periods(date(2024, 11, 5), date(2025, 4, 1), "year")] == [
        "2024",
        "2025",
    ]


def test_counts_per_period_count_relations_active_in_each_quarter_by_kind(
    home_org, other_org, django_assert_num_queries
):
    café, shop = make_business("Café"), make_business("Laden", "retail")
    record_cooperation(café, shop, "supplier", date(2024, 2, 1), None)  # ongoing
    record_cooperation(café, home_org, "event", date(2024, 5, 1), None, until=date(2024, 5, 2))
    record_cooperation(shop, other_org, "event", date(2024, 12, 31), None)
    record_cooperation(shop, home_org, "mentoring", date(2025, 7, 1), None)  # later
    with django_assert_num_queries(1):  # one aggregate over the relations
        counted = counts_per_period(date(2024, 1, 1), date(2025, 3, 31))
    rows = {code: numbers for code, _label, numbers in counted.rows}
    assert [p.label for p in counted.periods] == [
        "2024 Q1",
        "2024 Q2",
        "2024 Q3",
        "2024 Q4",
        "2025 Q1",
    ]
    assert rows["supplier"] == [1, 1, 1, 1, 1]
    assert rows["event"] == [0, 1, 0, 1, 1]
    assert rows["mentoring"] == [0, 0, 0, 0, 0]
    assert counted.totals == [1, 2, 1, 2, 2]
    by_year = counts_per_period(date(2024, 1, 1), date(2025, 12, 31), "year")
    assert {code: n for code, _label, n in by_year.rows}["mentoring"] == [0, 1]
    # Narrowed to a sector: only relations touching a retail business.
    retail = counts_per_period(
        date(2024, 1, 1), date(2024, 12, 31), "year", cooperations(sector="retail")
    )
    assert retail.totals == [2]


def test_relations_filter_by_period_kind_and_sector(home_org):
    café, shop = make_business("Café"), make_business("Laden", "retail")
    old = record_cooperation(
        café, home_org, "event", date(2023, 1, 1), None, until=date(2023, 2, 1)
    )
    ongoing = record_cooperation(shop, home_org, "supplier", date(2024, 1, 1), None)
    assert list(cooperations(start=date(2024, 1, 1))) == [ongoing]
    assert list(cooperations(end=date(2023, 12, 31))) == [old]
    assert list(cooperations(kind="event")) == [old]
    assert list(cooperations(sector="retail")) == [ongoing]


# -- Pages --------------------------------------------------------------------


def test_an_advisor_records_a_relation_through_the_form(client, personas, home_org):
    café = make_business("Café")
    client.force_login(personas["advisor"])
    url = reverse("economy:cooperation-add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "first": f"b:{café.pk}",
            "second": f"o:{home_org.pk}",
            "kind": "mentoring",
            "since": "2025-04-01",
        },
    )
    assert response.status_code == 302
    cooperation = Cooperation.objects.get()
    assert (cooperation.business_a, cooperation.organisation_b) == (café, home_org)
    assert cooperation.recorded_by == personas["advisor"]


def test_a_bad_relation_saves_nothing(client, personas, home_org):
    café = make_business("Café")
    client.force_login(personas["advisor"])
    response = client.post(
        reverse("economy:cooperation-add"),
        {"first": f"b:{café.pk}", "second": f"b:{café.pk}", "kind": "event", "since": "2025-01-01"},
    )
    assert "A relation needs two different parties." in response.content.decode()
    response = client.post(
        reverse("economy:cooperation-add"),
        {"first": "b:999", "second": f"o:{home_org.pk}", "kind": "event", "since": "2025-01-01"},
    )
    assert response.status_code == 200
    assert not Cooperation.objects.exists()


def test_the_relations_list_ends_a_relation(client, personas, home_org, django_assert_num_queries):
    cooperation = record_cooperation(
        make_business("Café"), home_org, "event", date(2025, 1, 1), None
    )
    record_cooperation(make_business("Laden"), home_org, "supplier", date(2025, 2, 1), None)
    client.force_login(personas["advisor"])
    # session, user, memberships, count, the page of relations with both parties
    with django_assert_num_queries(5):
        response = client.get(reverse("economy:cooperations"))
    assert "2 relations" in response.content.decode()
    response = client.post(
        reverse("economy:cooperation-end", args=[cooperation.pk]), {"until": "2025-03-31"}
    )
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.until == date(2025, 3, 31)


def test_a_counsellor_reads_relations_but_may_not_change_them(client, personas, home_org):
    cooperation = record_cooperation(
        make_business("Café"), home_org, "event", date(2025, 1, 1), None
    )
    client.force_login(personas["counsellor"])
    response = client.get(reverse("economy:cooperations"))
    assert response.status_code == 200
    assert "cooperation-end" not in response.content.decode()
    assert (
        reverse("economy:cooperation-end", args=[cooperation.pk]) not in response.content.decode()
    )
    assert client.get(reverse("economy:cooperation-add")).status_code == 403
    response = client.post(
        reverse("economy:cooperation-end", args=[cooperation.pk]), {"until": "2025-03-31"}
    )
    assert response.status_code == 403
    cooperation.refresh_from_db()
    assert cooperation.until is None
