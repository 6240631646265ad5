"""The person page as the hub of a case: the current case, the buttons each role may use,
and a timeline with everything every app holds about the person, newest first.

Built across the apps (the page gathers them through ``people.parts``), so it lives
here rather than in one app's tests. Everything is made through the services.
"""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role
from quartier.competences.employers.contact_requests import ask_for_contact
from quartier.competences.passport.services import issue_passport
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.services import ensure_profile
from quartier.competences.profile.skills import add_skills
from quartier.conftest import make_user
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal
from quartier.counselling.referrals import refer
from quartier.learning.appointments import services as appointments
from quartier.learning.appointments.visits import record_visit
from quartier.learning.offers.registrations import register
from quartier.learning.offers.services import add_date, create_offer
from quartier.people import timeline
from quartier.people.consent import record_consent
from quartier.people.entry import change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import Purpose
from quartier.places.models import ContactPoint
from quartier.places.sitepack import load_site_pack
from quartier.tests.worlds import BERLIN, NOW, PACK, concept

pytestmark = pytest.mark.django_db

# Every kind of entry the timeline knows, one of each made by ``history``.
KINDS = {
    "intake",
    "people.entry.completed",
    "consent",
    "counselling.case.opened",
    "counselling.goal",
    "counselling.contact",
    "counselling.referral",
    "qualification",
    "competences.language",
    "competences.experience",
    "competences.skill",
    "competences.passport",
    "competences.contact_request",
    "learning.appointment",
    "learning.visit",
    "learning.registration",
}
# The buttons, by the name of the view they lead to.
OPEN_CASE, CONTACT = "counselling:case-open", "counselling:contact-add"
REGISTER, BOOK = "learning:person-register", "learning:person-book"
PROFILE, PASSPORT = "competences:profile", "competences:passport"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(tmp_path, home_org, other_org):
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    load_site_pack(path)


@pytest.fixture
def amal(site, home_org, project, counsellor):
    return take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Amal",
        family_name="Haddad",
        email="amal@example.org",
        preferred_language="ar",
    )


@pytest.fixture
def coordinator(personas):
    return personas["coordinator"]


LANGUAGES = ["ar", "de", "en", "fr", "ru", "uk", "vi"]


def basics(person, counsellor, coordinator) -> None:
    """What happens once: consent to be shown to employers, the entry data completed,
    and a counsellor's hours at the contact point."""
    with scopes_disabled():
        record_consent(person, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
        change_entry_data(person, counsellor, employment_status="employed", isced="3")
        appointments.add_availability(
            coordinator,
            user=counsellor,
            contact_point=ContactPoint.objects.get(slug="ort-ost"),
            weekday=0,
            starts=time(9),
            ends=time(17),
            valid_from=date(2026, 1, 1),
        )


def history(frozen, person, counsellor, coordinator, n: int = 1) -> None:
    """``n`` more of every kind of record about the person, an hour apart."""
    with scopes_disabled():
        if not person.cases.exists():
            frozen.shift(timedelta(minutes=10))
            basics(person, counsellor, coordinator)
        case = person.cases.first() or open_case(person, counsellor)
        profile = ensure_profile(person, counsellor)
        point = ContactPoint.objects.get(slug="ort-ost")
        for _ in range(n):
            round_ = profile.languages.count()
            tag = str(round_)
            frozen.shift(timedelta(hours=1))
            add_goal(case, counsellor, kind="job")
            add_contact(
                case,
                counsellor,
                date=timezone.localdate(),
                duration_minutes=30,
                channel="phone",
                language="ar",
            )
            refer(case, counsellor, target="course", description=f"Deutsch {tag}")
            add_qualification(person, counsellor, title_original=f"Koch {tag}", country="SY")
            add_language(person, counsellor, language=LANGUAGES[round_], speaking="B1")
            add_experience(person, counsellor, title=f"Köchin {tag}", country="SY")
            add_skills(person, counsellor, [concept(f"http://esco.example/skill/{tag}", "skill")])
            issue_passport(person, counsellor)
            employer = Organisation.objects.create(
                slug=f"betrieb-{tag}", name=f"Betrieb {tag}", kind=OrganisationKind.BUSINESS
            )
            asker = make_user(f"betrieb.{tag}@example.org", Role.EMPLOYER, employer)
            ask_for_contact(profile, employer, asker, "Probetag?", "0341 1234")
            appointments.book_appointment(
                point,
                datetime(2026, 6, 22, 9 + round_, tzinfo=BERLIN),
                name="Amal Haddad",
                email="amal@example.org",
                participant=person,
            )
            record_visit(counsellor, contact_point=point, kind="walk_in", participant=person)
            offer = create_offer(
                person.organisation,
                coordinator,
                kind="course",
                title={"de": f"Kurs {tag}"},
                description={"de": "Lernen."},
                audience="everyone",
                contact_point=None,
                online_url="https://meet.example.org/kurs",
                capacity=5,
                languages=["de"],
                published=True,
            )
            add_date(
                offer,
                coordinator,
                datetime(2026, 7, 1, 10, tzinfo=BERLIN),
                datetime(2026, 7, 1, 12, tzinfo=BERLIN),
            )
            register(offer, counsellor, participant=person)


def url(person, query: str = "") -> str:
    return f"/en/staff/people/{person.public_id}/{query}"


def test_the_timeline_has_every_kind_newest_first_with_badge_and_link(
    client, frozen, amal, counsellor, coordinator
):
    history(frozen, amal, counsellor, coordinator)
    client.force_login(counsellor)
    entries = client.get(url(amal)).context["timeline"]
    assert {entry["kind"] for entry in entries} >= KINDS
    moments = [timeline._moment(entry["when"]) for entry in entries]
    assert moments == sorted(moments, reverse=True)
    assert entries[-1]["kind"] == "intake"
    for entry in entries:
        assert entry["badge"], entry
        if entry["kind"] not in ("intake", "consent", "learning.visit"):
            assert entry["url"], entry


def test_the_person_page_needs_the_same_queries_however_many_entries(
    client, frozen, amal, counsellor, coordinator, django_assert_num_queries
):
    history(frozen, amal, counsellor, coordinator)
    client.force_login(counsellor)

    def count():
        # 1 session, 2 user, 3 memberships, 4 the person with relations, 5 consents,
        # 6 the "viewed" entry; the current cases: 7 open cases, 8 their open goals;
        # counselling: 9 cases, 10 goals, 11 contacts, 12 referrals; competences:
        # 13 qualifications, 14 languages, 15 experience, 16 skills, 17 their labels,
        # 18 passports, 19 contact requests with the employer; learning:
        # 20 appointments, 21 visits, 22 registrations, 23 their attendance.
        with django_assert_num_queries(23):
            return client.get(url(amal))

    before = count().context["timeline_total"]
    history(frozen, amal, counsellor, coordinator, n=2)
    assert count().context["timeline_total"] == before + 2 * (len(KINDS) - 4)


def test_a_long_timeline_shows_the_newest_entries_and_the_older_ones_on_asking(
    client, frozen, amal, counsellor, coordinator
):
    history(frozen, amal, counsellor, coordinator, n=3)
    client.force_login(counsellor)
    first = client.get(url(amal))
    total = first.context["timeline_total"]
    assert total > timeline.PAGE
    assert len(first.context["timeline"]) == timeline.PAGE
    page = first.content.decode()
    assert f"?timeline={2 * timeline.PAGE}" in page
    assert f"Show older entries ({timeline.PAGE} of {total} shown)" in page
    # HTMX asks for the fragment alone, with the next page added.
    more = client.get(url(amal, f"?timeline={2 * timeline.PAGE}"), HTTP_HX_REQUEST="true")
    fragment = more.content.decode()
    assert fragment.lstrip().startswith('<section id="timeline-section"')
    assert "<h1" not in fragment
    assert len(more.context["timeline"]) == min(total, 2 * timeline.PAGE)


def test_the_current_case_shows_status_goals_and_the_overdue_next_step(client, amal, counsellor):
    case = open_case(amal, counsellor, opened_on=date(2026, 6, 1))
    add_goal(case, counsellor, kind="recognition")
    add_contact(
        case,
        counsellor,
        date=date(2026, 6, 10),
        duration_minutes=20,
        channel="person",
        language="ar",
        next_step="Zeugnisse mitbringen",
        next_step_due=date(2026, 6, 12),
    )
    client.force_login(counsellor)
    page = client.get(url(amal)).content.decode()
    cases = page[page.index('class="person-cases"') : page.index('id="timeline-section"')]
    assert f'href="/en/staff/counselling/{case.public_id}/"' in cases
    assert ">Active<" in cases  # the status, since the first contact
    assert "Recognition of a foreign degree (Open)" in cases
    assert "Zeugnisse mitbringen" in cases
    assert '<span class="badge danger">overdue</span>' in cases


def actions(client, person) -> list[str]:
    return [action["name"] for action in client.get(url(person)).context["actions"]]


def test_each_role_sees_the_buttons_its_target_views_allow(
    client, amal, counsellor, coordinator, lead
):
    client.force_login(counsellor)
    assert actions(client, amal) == [OPEN_CASE, REGISTER, BOOK, PROFILE, PASSPORT]
    open_case(amal, counsellor)
    assert actions(client, amal) == [CONTACT, REGISTER, BOOK, PROFILE, PASSPORT]
    client.force_login(coordinator)
    assert actions(client, amal) == [REGISTER, BOOK]
    client.force_login(lead)
    assert actions(client, amal) == [CONTACT, REGISTER, PROFILE]
    page = client.get(url(amal)).content.decode()
    assert "Register for an offer" in page and "Issue a passport" not in page


def test_the_target_views_refuse_the_roles_that_see_no_button(
    client, amal, counsellor, coordinator, lead
):
    case = open_case(amal, counsellor)
    client.force_login(coordinator)
    for path in (
        f"/en/staff/counselling/people/{amal.public_id}/open/",
        f"/en/staff/counselling/{case.public_id}/contacts/add/",
        f"/en/staff/competences/{amal.public_id}/",
    ):
        assert client.get(path).status_code == 403, path
    client.force_login(lead)
    assert (
        client.get(f"/en/staff/learning/appointments/people/{amal.public_id}/book/").status_code
        == 403
    )
    issue = client.post(f"/en/staff/competences/people/{amal.public_id}/passport/")
    assert issue.status_code == 403


def test_roles_in_two_organisations_count_only_where_they_are_held(
    client, frozen, amal, home_org, other_org, counsellor, coordinator
):
    """A learning coordinator here who leads the project at another organisation reads
    this person as a coordinator: no case, no profile, none of their entries."""
    history(frozen, amal, counsellor, coordinator)
    both = make_user("koordination.leitung@example.org", Role.LEARNING_COORDINATOR, home_org)
    Membership.objects.create(user=both, organisation=other_org, role=Role.PROJECT_LEAD)
    client.force_login(both)
    response = client.get(url(amal))
    assert [action["name"] for action in response.context["actions"]] == [REGISTER, BOOK]
    kinds = {entry["kind"] for entry in response.context["timeline"]}
    assert not {kind for kind in kinds if kind.startswith(("counselling.", "competences."))}
    assert "qualification" not in kinds
    assert not response.context["panels"][0]["context"]["cases"]
    assert client.get(f"/en/staff/counselling/people/{amal.public_id}/open/").status_code == 404
    assert client.get(f"/en/staff/competences/{amal.public_id}/").status_code == 404
