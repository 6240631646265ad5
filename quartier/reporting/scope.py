"""Who may see which project's figures, and whose records they count: the one rule.

Reporting shows aggregates only, and reads across organisations where the normal
scope (``Access.organisations``: the organisations where the user holds a role the
view allows) would stop at the user's own. The rule:

* a **project lead** counts the records of the organisations where they are project
  lead and which take part in the project (``Project.organisations``);
* a **reporting viewer** (the city's office, the funder) counts the records of every
  organisation taking part in a project their own organisation takes part in.

A person with both roles counts the union. Any other role adds nothing: a counsellor
at one place who is a reporting viewer at another counts what the viewer may.

Only the aggregate functions (``esf.py``, ``measures.py``) read across organisations,
with an explicit ``organisation__in=organisations_for(...)``; individual-level reads
(the incomplete records) keep the normal scope of the request.
"""

from quartier.accounts.access import memberships_of, roles
from quartier.accounts.models import Role
from quartier.people.models import Project

# The Access of every reporting view and endpoint.
READERS = roles(Role.PROJECT_LEAD, Role.REPORTING_VIEWER)
# The incomplete records are individual-level: the holding organisation's counsellors
# and project lead, through the normal scope of the request.
CORRECTORS = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)


def _reading_organisations(user) -> tuple[set[int], set[int]]:
    """(organisations where the user leads, where the user views reports)."""
    leads: set[int] = set()
    views: set[int] = set()
    if not READERS.allows(user):
        return leads, views
    for organisation, role in memberships_of(user):
        if role == Role.PROJECT_LEAD:
            leads.add(organisation)
        elif role == Role.REPORTING_VIEWER:
            views.add(organisation)
    return leads, views


def projects_for(user) -> list[Project]:
    """The projects whose figures the user may see (one query), newest first."""
    leads, views = _reading_organisations(user)
    if not leads and not views:
        return []
    return list(
        Project.objects.filter(organisations__in=leads | views).distinct().order_by("-starts_on")
    )


def projects_led_by(user) -> list[Project]:
    """The projects an organisation takes part in where the user is project lead (one
    query): those whose targets the user sets."""
    leads, _views = _reading_organisations(user)
    if not leads:
        return []
    return list(Project.objects.filter(organisations__in=leads).distinct().order_by("-starts_on"))


def projects_taking_part(organisations: list[int]) -> list[Project]:
    """The projects any of ``organisations`` takes part in (one query), newest first."""
    return list(
        Project.objects.filter(organisations__in=organisations).distinct().order_by("-starts_on")
    )


def organisations_for(user, project: Project) -> list[int]:
    """Ids of the organisations whose records the user's figures of ``project`` count.

    One query. Empty when the user may not see the project's figures at all.
    """
    leads, views = _reading_organisations(user)
    if not leads and not views:
        return []
    taking_part = set(project.organisations.values_list("pk", flat=True))
    counted = leads & taking_part
    if views & taking_part:
        counted |= taking_part
    return sorted(counted)


def may_see(user, project: Project) -> bool:
    """Whether the user may see any figure of ``project`` (one query)."""
    return bool(organisations_for(user, project))


def download_organisation(user, project: Project) -> int | None:
    """The organisation a reporting file the user asks for belongs to, or None.

    One of the user's own reading organisations among those counted: the download's
    page is scoped to the organisations where the user works, and a reporting viewer
    counts organisations where they hold no role. Two queries.
    """
    counted = organisations_for(user, project)
    return next((org for org in READERS.organisations(user) if org in counted), None)
