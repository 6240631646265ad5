"""The period report: a German PDF with the disclosed indicators, measures and targets."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from quartier.accounts.models import Membership, Role
from quartier.conftest import make_user
from quartier.downloads.models import Download
from quartier.downloads.services import report_progress
from quartier.reporting import periods
from quartier.reporting.models import Target
from quartier.reporting.period_report import build_report
from quartier.reporting.tests.records import enter, leave
from quartier.tests.downloads import file_link, read_file
from quartier.tests.exports import audit_of

pytestmark = pytest.mark.django_db

PAGE = "/en/staff/reporting/period-report/"
FIGURE = re.compile(r"^(\d[\d.]*|•|%|–)$")


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


@pytest.fixture
def programme(project, home_org, counsellor):
    """2025: five women and four men, all long-term unemployed with ISCED 3–4; one woman
    with a disability (one person: hidden); three women and three men left into work."""
    for number in range(9):
        person = enter(
            home_org,
            project,
            counsellor,
            date(2025, 2, 1 + number),
            f"P{number}",
            gender="w" if number < 5 else "m",
            date_of_birth=date(1985, 6, 1),
            citizenships=["DE"],
            employment_status="unemployed",
            unemployed_since=date(2023, 1, 1),
            isced="3-4",
            foreign_background="no",
            disability="yes" if number == 0 else "no",
        )
        if number in (0, 1, 2, 5, 6, 7):
            leave(person, counsellor, date(2025, 2, 10), date(2025, 9, 30), "employed")
    # Entered in 2026: not in the report of 2025.
    enter(home_org, project, counsellor, date(2026, 1, 5), "Later", gender="w")
    Target.objects.create(project=project, code="EECO01", period_key="2025", value=12)


def ask(client, capture, project: str = "arbeit-im-quartier", period: str = "2025"):
    with capture(execute=True):
        return client.post(PAGE, {"project": project, "period": period})


def report_text(client, capture) -> str:
    """Ask for the report of 2025, open the PDF and read its text back."""
    response = ask(client, capture)
    assert response.status_code == 303, response.content.decode()[:2000]
    pdf = read_file(client, file_link(client.get(response["Location"])))
    assert pdf["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)


def figures(text: str, code: str, last: bool = False) -> list[str]:
    """The figures printed in the row of ``code``: the run of numbers after its label."""
    start = (text.rindex(code) if last else text.index(code)) + len(code)
    tokens = text[start:].split()
    first = next(index for index, token in enumerate(tokens) if FIGURE.match(token))
    run = []
    for token in tokens[first:]:
        if not FIGURE.match(token):
            break
        run.append(token)
    return run


def test_the_report_prints_the_disclosed_figures_in_german(
    client, lead, programme, django_capture_on_commit_callbacks
):
    client.force_login(lead)

    text = report_text(client, django_capture_on_commit_callbacks)

    assert "Periodenbericht" in text
    assert "Arbeit im Quartier" in text
    assert "Beratung Ost" in text  # the organisation counted
    # Women, men, non-binary, no answer, total.
    assert figures(text, "EECO01") == ["5", "4", "0", "0", "9"]
    assert figures(text, "EECR04") == ["3", "3", "0", "0", "6"]
    # One woman with a disability: hidden, and so is the total that would give her away.
    assert figures(text, "EECO12") == ["•", "0", "0", "0", "•"]
    # The target of 12 participants: 9 reached, 75 %.
    assert figures(text, "EECO01", last=True) == ["12", "9", "75", "%"]
    assert "Ausgeblendete Zahlen" in text
    assert "Zahlen von 1 bis 2 werden nicht gezeigt" in text


def test_asking_and_making_are_audited(client, lead, programme, django_capture_on_commit_callbacks):
    client.force_login(lead)

    report_text(client, django_capture_on_commit_callbacks)

    (requested,) = audit_of("reporting.period_report.requested")
    assert requested.actor == lead
    assert requested.data["period"] == "2025"
    assert requested.data["from"] == "2025-01-01"
    (made,) = audit_of("reporting.period_report.made")
    assert made.data["to"] == "2025-12-31"
    download = str(Download.objects.with_scopes_disabled().get().public_id)
    assert made.data["download"] == download
    # Asking and opening name the same download; the entries are about the project.
    (opened,) = audit_of("downloads.file.opened")
    assert requested.data["download"] == opened.data["download"] == download
    for entry in (requested, made, opened):
        assert entry.actor == lead
        assert entry.subject_type == "people.project"
        assert entry.person == ""


def test_a_reporting_viewer_may_ask_for_it_and_others_may_not(
    client, personas, home_org, programme, django_capture_on_commit_callbacks
):
    client.force_login(personas["viewer"])
    assert "EECO01" in report_text(client, django_capture_on_commit_callbacks)

    for persona in ("counsellor", "coordinator", "advisor", "resident"):
        client.force_login(personas[persona])
        assert client.get(PAGE).status_code == 403


def test_a_lead_elsewhere_counts_only_their_own_organisation(
    client, personas, programme, django_capture_on_commit_callbacks
):
    client.force_login(personas["outsider"])  # leads the other organisation, with nobody

    text = report_text(client, django_capture_on_commit_callbacks)

    assert "Beratung Ost" not in text
    assert figures(text, "EECO01") == ["0", "0", "0", "0", "0"]


def test_a_viewer_at_another_organisation_taking_part_counts_every_one(
    client, other_org, programme, django_capture_on_commit_callbacks
):
    viewer = make_user("stadt@example.org", Role.REPORTING_VIEWER, other_org)
    client.force_login(viewer)

    text = report_text(client, django_capture_on_commit_callbacks)

    assert figures(text, "EECO01") == ["5", "4", "0", "0", "9"]


def test_the_download_page_shows_how_far_the_report_has_come(
    client, lead, programme, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=False):  # no worker has taken it yet
        response = client.post(PAGE, {"project": "arbeit-im-quartier", "period": "2025"})
    download = Download.objects.with_scopes_disabled().get()

    report_progress(download.pk, 1, 3)

    page = client.get(response["Location"]).content.decode()
    assert "Period report Arbeit im Quartier, 2025" in page
    assert '<progress id="download-progress" max="100" value="33">' in page


def test_a_period_that_is_not_offered_is_refused(
    client, lead, programme, django_capture_on_commit_callbacks
):
    client.force_login(lead)

    response = ask(client, django_capture_on_commit_callbacks, period="1999")

    assert response.status_code == 200
    assert Download.objects.with_scopes_disabled().count() == 0


def test_a_viewer_of_two_organisations_counts_both(
    client, personas, other_org, programme, django_capture_on_commit_callbacks
):
    viewer = personas["viewer"]
    Membership.objects.create(user=viewer, organisation=other_org, role=Role.REPORTING_VIEWER)
    client.force_login(viewer)

    text = report_text(client, django_capture_on_commit_callbacks)

    assert "Beratung Ost, Bildung West" in text


def test_the_report_takes_as_many_queries_for_a_larger_programme(
    project, home_org, counsellor, programme
):
    period = periods.parse("2025", today=date(2026, 3, 10), project=project)
    with CaptureQueriesContext(connection) as small:
        build_report(project, period, [home_org.pk])
    for number in range(6):
        person = enter(home_org, project, counsellor, date(2025, 4, 1), f"Q{number}", gender="d")
        leave(person, counsellor, date(2025, 4, 1), date(2025, 8, 1), "searching")

    with CaptureQueriesContext(connection) as larger:
        report = build_report(project, period, [home_org.pk])

    assert len(larger) == len(small)
    assert report.indicators[0].rows[0].cells == ["5", "4", "6", "0", "15"]
