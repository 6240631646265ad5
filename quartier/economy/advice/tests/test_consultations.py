"""On-site consulting: consultations belong to the advisor's organisation; follow-ups;
supported SMEs."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quartier.accounts.models import AuditEntry
from quartier.economy.advice.consultations import (
    complete_follow_up,
    follow_ups_of,
    is_supported,
    record_consultation,
    supported_businesses,
)
from quartier.economy.models import Consultation
from quartier.economy.tests.advice_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_an_advisor_records_a_consultation_with_topics_and_a_follow_up(client, personas, deli):
    client.force_login(personas["advisor"])
    assert (
        client.get(reverse("economy:consultation-create") + "?business=feinkost-saigon").status_code
        == 200
    )
    response = client.post(
        reverse("economy:consultation-create"),
        {
            "business": deli.slug,
            "date": "2026-06-15",
            "topics": ["staffing", "online"],
            "result": "Looking for a sales assistant who speaks Vietnamese",
            "next_steps": "Send two candidates",
            "follow_up_on": "2026-07-01",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert (consultation.organisation.slug, consultation.advisor) == (
        "beratung-ost",
        personas["advisor"],
    )
    assert consultation.topics == ["staffing", "online"]
    page = client.get(response["Location"]).content.decode()
    assert "Online visibility and social media" in page
    assert "Send two candidates" in page
    assert AuditEntry.objects.filter(code="economy.consultation.viewed").count() == 1


def test_bad_input_saves_nothing(personas, deli):
    with pytest.raises(ValidationError, match="Unknown topics: gossip"):
        record_consultation(deli, personas["advisor"], topics=["gossip"])
    with pytest.raises(ValidationError, match="future"):
        record_consultation(deli, personas["advisor"], date=date(2026, 6, 16))
    with pytest.raises(ValidationError, match="follow-up cannot be before"):
        record_consultation(deli, personas["advisor"], follow_up_on=date(2026, 6, 1))
    assert not Consultation.objects.exists()


def test_another_organisations_advisor_sees_nothing_of_the_consultation(
    client, personas, other_advisor, deli
):
    consultation = record_consultation(
        deli, personas["advisor"], result="Confidential: the owner plans to sell"
    )
    client.force_login(other_advisor)
    for name in ("consultation-detail", "consultation-edit"):
        url = reverse(f"economy:{name}", kwargs={"code": consultation.public_id})
        assert client.get(url).status_code == 404, name
    done = reverse("economy:follow-up-done", kwargs={"code": consultation.public_id})
    assert client.post(done).status_code == 404
    listing = client.get(reverse("economy:consultation-list")).content.decode()
    assert "Feinkost Saigon" not in listing


@pytest.mark.parametrize("persona", ["resident", "employer", "counsellor", "viewer"])
def test_consultation_pages_are_refused_to_other_roles(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("economy:consultation-list")).status_code == 403
    assert client.get(reverse("economy:follow-ups")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("economy:follow-ups"))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_my_follow_ups_lists_open_ones_overdue_first(client, personas, deli, bakery):
    advisor = personas["advisor"]
    later = record_consultation(deli, advisor, follow_up_on=date(2026, 7, 1))
    overdue = record_consultation(
        bakery, advisor, date=date(2026, 5, 1), follow_up_on=date(2026, 6, 1)
    )
    done = record_consultation(bakery, advisor, follow_up_on=date(2026, 6, 20))
    complete_follow_up(done, advisor)
    record_consultation(deli, advisor)  # no follow-up
    record_consultation(deli, personas["lead"], follow_up_on=date(2026, 6, 16))  # not mine
    assert list(follow_ups_of(advisor)) == [overdue, later]
    client.force_login(advisor)
    response = client.get(reverse("economy:follow-ups"))
    page = response.content.decode()
    assert page.index("Bäckerei am Platz") < page.index("Feinkost Saigon")
    assert page.count("overdue</strong>") == 1


def test_the_follow_up_list_takes_a_fixed_number_of_queries(
    client, personas, deli, bakery, django_assert_num_queries
):
    for day in range(1, 6):
        record_consultation(deli, personas["advisor"], follow_up_on=date(2026, 7, day))
        record_consultation(
            bakery, personas["advisor"], date=date(2026, 5, day), follow_up_on=date(2026, 6, day)
        )
    client.force_login(personas["advisor"])
    # session, user, memberships, count, page of consultations with their business
    with django_assert_num_queries(5):
        response = client.get(reverse("economy:follow-ups"))
    assert response.content.decode().count("overdue</strong>") == 5


def test_the_consultation_list_takes_a_fixed_number_of_queries(
    client, personas, deli, bakery, django_assert_num_queries
):
    for day in range(1, 6):
        record_consultation(deli, personas["advisor"], date=date(2026, 6, day))
        record_consultation(bakery, personas["lead"], date=date(2026, 5, day))
    client.force_login(personas["advisor"])
    # session, user, memberships, count, page of consultations with business and advisor
    with django_assert_num_queries(5):
        response = client.get(reverse("economy:consultation-list"))
    assert response.content.decode().count("/consultations/") >= 10


def test_marking_a_follow_up_done_takes_it_off_the_list(client, personas, deli):
    consultation = record_consultation(deli, personas["advisor"], follow_up_on=date(2026, 6, 20))
    client.force_login(personas["advisor"])
    url = reverse("economy:follow-up-done", kwargs={"code": consultation.public_id})
    response = client.post(url, {"next": "follow-ups"})
    assert response["Location"] == reverse("economy:follow-ups")
    consultation.refresh_from_db()
    assert consultation.follow_up_done_on == date(2026, 6, 15)
    assert list(follow_ups_of(personas["advisor"])) == []


def test_a_business_is_a_supported_sme_once_it_was_advised_by_any_organisation(
    personas, other_advisor, deli, bakery
):
    assert not is_supported(deli)
    record_consultation(deli, other_advisor)
    assert is_supported(deli)
    assert list(supported_businesses()) == [deli]


def test_the_business_page_shows_own_consultations_and_the_supported_sme_flag(
    client, personas, other_advisor, deli, django_assert_num_queries
):
    record_consultation(deli, personas["advisor"], topics=["premises"])
    record_consultation(deli, other_advisor, topics=["licences"])
    url = reverse("economy:business-detail", kwargs={"slug": deli.slug})
    client.force_login(personas["advisor"])
    page = client.get(url).content.decode()
    assert "advised on site at least once." in page
    assert "· Premises ·" in page and "Licences and permits" not in page
    client.force_login(personas["counsellor"])
    page = client.get(url).content.decode()
    assert "Vacancies and on-site consulting" in page
    assert "advised on site" not in page and "· Premises ·" not in page


def test_the_business_section_takes_a_fixed_number_of_queries(
    rf, personas, deli, django_assert_num_queries
):
    from quartier.economy.advice.views import business_section

    for day in range(1, 4):
        record_consultation(deli, personas["advisor"], date=date(2026, 6, day))
    request = rf.get("/")
    request.user = personas["advisor"]
    request.user._quartier_memberships = None
    # memberships, vacancy counts, consultations with advisor, whether advised at all
    with django_assert_num_queries(4):
        context = business_section(request, deli)
    assert len(context["consultations"]) == 3 and context["supported"]
