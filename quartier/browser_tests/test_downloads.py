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


def test_the_participant_list_exports_its_filtered_rows_as_a_workbook(
    new_page, person, waiting_queue
):
    """The list's "Export as XLSX" keeps the search, leads to the download page, and the
    workbook holds the row the list shows, with headers in the page's language."""
    import io

    from django_scopes import scopes_disabled
    from openpyxl import load_workbook

    from quartier.downloads.models import Download
    from quartier.people.exports import export_participants

    export = {"de": "Als XLSX exportieren", "ar": "تصدير بصيغة XLSX"}
    download_file = {"de": "Datei herunterladen", "ar": "تنزيل الملف"}
    family = {"de": "Nachname", "ar": "اسم العائلة"}
    for language, width in RUNS:
        page = sign_in(new_page, language, width)
        page.goto(url(language, "people:list") + "?q=rami")
        page.evaluate("window.notReloaded = true")
        check(page, width, f"participant list {language} {width}")
        page.get_by_role("link", name=export[language]).click()
        page.wait_for_url("**/staff/downloads/*/")
        page.evaluate("window.notReloaded = true")
        with scopes_disabled():
            download = Download.objects.get(status=Download.Status.PENDING)
        export_participants.call(download.pk, "xlsx", "q=rami", language)  # the worker's part
        link = page.get_by_role("link", name=download_file[language])
        link.wait_for(timeout=10_000)
        check(page, width, f"export ready {language} {width}")
        response = page.request.get(link.get_attribute("href"))
        sheet = load_workbook(io.BytesIO(response.body())).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert rows[0][0] == family[language]
        assert rows[1][:3] == ["حداد", "رامي", "Rami Haddad"]
