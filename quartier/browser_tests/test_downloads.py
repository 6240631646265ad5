"""A consent sheet asked for on the person page: its download page shows the link by itself.

The task queue is switched to one that only records the task (as a real queue waits
for its worker), so the page really shows "being prepared" and polls; the test then
does the worker's part, and the link to the PDF appears without the page reloading.
"""

from datetime import date

import pytest

from quartier.browser_tests.test_htmx_interactions import PASSWORD, check, sign_in, url

pytestmark = pytest.mark.browser

RUNS = [("de", 1366), ("ar", 360)]
OPEN = {"de": "PDF öffnen", "ar": "فتح ملف PDF"}


@pytest.fixture
def person(live_server):
    from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from quartier.people.intake import take_in
    from quartier.people.models import Project

    organisation = Organisation.objects.create(
        slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
    )
    staff = User.objects.create_user("staff@example.org", PASSWORD)
    Membership.objects.create(user=staff, organisation=organisation, role=Role.COUNSELLOR)
    project = Project.objects.create(
        slug="aiq",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2030, 12, 31),
        retention_until=date(2034, 12, 31),
    )
    return take_in(
        organisation, project, staff, date(2026, 3, 2),
        given_name="رامي", family_name="حداد", name_latin="Rami Haddad",
        preferred_language="ar",
    )  # fmt: skip


@pytest.fixture
def waiting_queue(settings):
    """Tasks are recorded, not run: the worker's part is the test's."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_the_consent_sheet_link_appears_without_reloading(new_page, person, waiting_queue):
    from django_scopes import scopes_disabled

    from quartier.downloads.models import Download
    from quartier.people.pdf import consent_sheet_task

    for language, width in RUNS:
        page = sign_in(new_page, language, width)
        page.goto(url(language, "people:detail", code=person.public_id))
        page.locator(f'a[href$="/{person.public_id}/consent-sheet.pdf"]').first.click()
        page.wait_for_url("**/staff/downloads/*/")
        page.evaluate("window.notReloaded = true")
        status = page.locator("#download-status")
        assert status.get_attribute("hx-trigger") == "every 1s"
        assert page.get_by_role("link", name=OPEN[language]).count() == 0
        check(page, width, f"download waiting {language} {width}")
        with scopes_disabled():
            download = Download.objects.get(status=Download.Status.PENDING)
        consent_sheet_task.call(download.pk, person.pk, "ar")  # the worker's part
        link = page.get_by_role("link", name=OPEN[language])
        link.wait_for(timeout=10_000)
        assert status.get_attribute("hx-trigger") is None  # polling stopped
        check(page, width, f"download ready {language} {width}")
        response = page.request.get(link.get_attribute("href"))
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
