"""The dashboards' menu entry and the start page's key indicators for project leads and
reporting viewers (``accounts.start.LEAD_INDICATORS``).

The numbers are the dashboard's own cells for this year, read after disclosure control:
a number the dashboard hides is "•" on the start page too (``count`` returns None), and
one the dashboard shows links there. All numbers of a request come from one computation
of the ESF+ tables, kept on the user object for the request (as ``memberships_of`` keeps
the roles).
"""

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from quartier.accounts import navigation, start
from quartier.accounts.access import PROJECT_LEAD, Access
from quartier.reporting import disclosure, esf, periods
from quartier.reporting.scope import CORRECTORS, READERS, organisations_for, projects_for

# The ESF+ indicators on the start page: participants, and those in work after leaving.
PARTICIPANTS = "EECO01"
IN_WORK = "EECR04"
HEADLINE_PERIOD = "this-year"


def headline(user) -> dict[str, int | None]:
    """This year's totals of the headline indicators in the user's first project, as the
    dashboard shows them (None where disclosure control hides one)."""
    cached = getattr(user, "_quartier_headline", None)
    if cached is not None:
        return cached
    figures: dict[str, int | None] = {}
    projects = projects_for(user)
    if projects:
        project = projects[0]
        period = periods.parse(HEADLINE_PERIOD, today=timezone.localdate(), project=project)
        organisations = organisations_for(user, project)
        with scope(organisation=organisations):
            tables = esf.esf_tables(project, period, organisations)
        for table in tables:
            disclosed = disclosure.suppress(table)
            for row in table.rows:
                if row.code in (PARTICIPANTS, IN_WORK) and table.total_column:
                    figures[row.code] = disclosed.value(row.code, table.total_column)
    user._quartier_headline = figures
    return figures


def _figure(code: str):
    def count(user) -> int | None:
        return headline(user).get(code, 0)

    return count


# The reporting pages in the menu's "Reports" group, in its order, each with the Access
# of its view's ``@allow`` line (a test holds the two together).
PAGES: list[tuple[str, str | Promise, Access]] = [
    ("reporting:dashboard", _("Programme figures"), READERS),
    ("reporting:targets", _("Targets"), PROJECT_LEAD),
    ("reporting:incomplete", _("Incomplete entry data"), CORRECTORS),
    ("reporting:measure-list", _("Definitions of the success measures"), READERS),
    ("reporting:funder-records", _("ESF+ record set for the funder"), PROJECT_LEAD),
    ("reporting:period-report", _("Period report"), READERS),
]


def register() -> None:
    for order, (url_name, label, access) in enumerate(PAGES, start=1):
        navigation.register(
            navigation.NavItem(url_name, label, access, 10 * order, group=navigation.REPORTS)
        )
    start.register(
        start.Panel(
            start.LEAD_INDICATORS,
            _("Programme figures this year"),
            READERS,
            _("No participants have entered the project this year yet."),
            order=45,
            hidden_note=disclosure.HIDDEN_EXPLANATION,
        )
    )
    for key, code, label, order in (
        ("participants", PARTICIPANTS, _("Participants this year (ESF+ EECO01)"), 10),
        ("in-work", IN_WORK, _("In work after leaving (ESF+ EECR04)"), 20),
    ):
        start.contribute(
            start.LEAD_INDICATORS,
            start.Number(
                key,
                label,
                "reporting:dashboard",
                READERS,
                _figure(code),
                query={"period": HEADLINE_PERIOD},
                order=order,
            ),
        )
