"""The staff page of the passport: issue it, watch it being prepared, download it (audited)."""

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.competences.models import Passport
from quartier.competences.passport.services import issue_passport, render_passport
from quartier.competences.profile.languages import add_language

pytestmark = pytest.mark.django_db


def page_url(person) -> str:
    return f"/en/staff/competences/people/{person.public_id}/passport/"


@pytest.fixture
def ready(rami, counsellor) -> Passport:
    with scopes_disabled():
        add_language(rami, counsellor, language="de", understanding="B1")
        passport, _new = issue_passport(rami, counsellor)
        render_passport(passport.pk)
        return Passport.objects.get(pk=passport.pk)


def test_a_counsellor_issues_a_passport_and_the_page_waits_for_it(
    client, counsellor, rami, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    assert "No passport has been issued yet." in client.get(page_url(rami)).content.decode()
    # The task is queued on commit; here it has not run yet.
    response = client.post(page_url(rami))
    assert response.status_code == 302
    waiting = client.get(page_url(rami)).content.decode()
    assert "The passport is being prepared." in waiting
    assert 'http-equiv="refresh"' in waiting
    # Now the worker runs it: the page offers the download and stops reloading.
    with scopes_disabled():
        passport = Passport.objects.get()
    render_passport(passport.pk)
    done = client.get(page_url(rami)).content.decode()
    assert "Download the passport (PDF)" in done
    assert 'http-equiv="refresh"' not in done
    assert passport.display_code in done


def test_issuing_from_the_page_runs_the_task_on_commit(
    client, counsellor, rami, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(rami))
    with scopes_disabled():
        assert Passport.objects.get().status == Passport.Status.READY


def test_the_download_is_a_pdf_and_is_audited(client, counsellor, ready):
    client.force_login(counsellor)
    response = client.get(f"/en/staff/competences/passports/{ready.public_id}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert ready.code in response["Content-Disposition"]
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="competences.passport.downloaded").count() == 1


def test_a_project_lead_may_read_but_not_issue(client, lead, rami, ready):
    client.force_login(lead)
    assert client.get(page_url(rami)).status_code == 200
    assert client.post(page_url(rami)).status_code == 403
    assert client.get(f"/en/staff/competences/passports/{ready.public_id}/pdf/").status_code == 200


def test_another_organisation_gets_not_found(client, personas, rami, ready):
    client.force_login(personas["outsider"])
    assert client.get(page_url(rami)).status_code == 404
    assert client.post(page_url(rami)).status_code == 404
    assert client.get(f"/en/staff/competences/passports/{ready.public_id}/pdf/").status_code == 404


@pytest.mark.parametrize("persona", ["employer", "resident", "coordinator", "advisor"])
def test_other_roles_are_refused(client, personas, rami, ready, persona):
    client.force_login(personas[persona])
    assert client.get(page_url(rami)).status_code == 403
    assert client.get(f"/en/staff/competences/passports/{ready.public_id}/pdf/").status_code == 403


def test_the_passport_page_uses_a_fixed_number_of_queries(
    client, counsellor, rami, ready, django_assert_num_queries
):
    client.force_login(counsellor)
    # session, user, memberships, the person (with profile and organisation), the audit
    # entry (the read is logged), the passports (with who issued them), the consent
    # check, the contact requests (with employers).
    with django_assert_num_queries(8):
        assert client.get(page_url(rami)).status_code == 200


def test_the_page_says_whether_and_how_employers_see_the_person(client, counsellor, rami, ready):
    from quartier.competences.employers.services import pseudonym
    from quartier.competences.profile.services import ensure_profile
    from quartier.people.consent import record_consent
    from quartier.people.models import Purpose

    client.force_login(counsellor)
    assert (
        "No: employers see nothing of this person." in client.get(page_url(rami)).content.decode()
    )
    with scopes_disabled():
        record_consent(rami, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
        shown_as = pseudonym(ensure_profile(rami, counsellor))
    html = client.get(page_url(rami)).content.decode()
    assert "Yes: the person has agreed" in html
    assert shown_as in html


def test_the_page_reloading_itself_writes_no_new_read_entries(
    client, counsellor, rami, django_capture_on_commit_callbacks
):
    import html
    import re

    client.force_login(counsellor)
    client.post(page_url(rami))  # the passport is being prepared: the page reloads itself

    def reads() -> int:
        with scopes_disabled():
            return AuditEntry.objects.filter(code="competences.profile.viewed").count()

    waiting = client.get(page_url(rami)).content.decode()
    assert reads() == 1
    target = html.unescape(re.search(r'content="\d+;url=([^"]+)"', waiting).group(1))
    for _reload in range(3):
        client.get(page_url(rami) + target)
    assert reads() == 1
    # a marker for another page, or a forged one, is an ordinary read
    client.get(page_url(rami) + "?auto=forged")
    assert reads() == 2


def test_the_passports_fragment_polls_while_the_passport_is_made(
    client, counsellor, rami, django_capture_on_commit_callbacks
):
    import html
    import re

    client.force_login(counsellor)
    client.post(page_url(rami))
    page = client.get(page_url(rami)).content.decode()
    # Without JavaScript the page reloads itself; with it, only the fragment is asked for.
    assert '<noscript><meta http-equiv="refresh" content="2;url=?auto=' in page
    poll = re.search(r'<div id="passports" hx-get="([^"]+)" hx-trigger="every 2s"', page)
    assert poll is not None
    fragment = client.get(html.unescape(poll.group(1)), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert text.startswith('<div id="passports" hx-get=')
    assert "The passport is being prepared." in text
    assert "<html" not in text and "Shown to employers" not in text
    assert "HX-Request" in fragment["Vary"]

    def reads() -> int:
        with scopes_disabled():
            return AuditEntry.objects.filter(code="competences.profile.viewed").count()

    assert reads() == 1  # the page; polling its fragment reads nothing new
    with scopes_disabled():
        passport = Passport.objects.get()
    render_passport(passport.pk)
    done = client.get(html.unescape(poll.group(1)), headers={"HX-Request": "true"}).content.decode()
    assert reads() == 1
    assert "hx-trigger" not in done
    assert "Download the passport (PDF)" in done
    assert passport.display_code in done


def test_the_passports_fragment_is_refused_like_the_page(client, rami, personas):
    url = page_url(rami)
    for name in ("advisor", "coordinator", "resident", "outsider"):
        client.force_login(personas[name])
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code in (403, 404), name
        assert "Rami" not in response.content.decode()
