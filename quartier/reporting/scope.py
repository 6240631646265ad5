"""TEMPORARY stand-in for core's scope.py (the coordinator drops this commit)."""

from quartier.accounts.access import memberships_of, roles
from quartier.accounts.models import Role
from quartier.people.models import Project

READERS = roles(Role.PROJECT_LEAD, Role.REPORTING_VIEWER)


def projects_for(user) -> list[Project]:
    mine = {org for org, _role in memberships_of(user)}
    return list(Project.objects.filter(organisations__in=mine).distinct().order_by("-starts_on"))


def organisations_for(user, project) -> list[int]:
    leads = {org for org, role in memberships_of(user) if role == Role.PROJECT_LEAD}
    views = {org for org, role in memberships_of(user) if role == Role.REPORTING_VIEWER}
    taking_part = set(project.organisations.values_list("pk", flat=True))
    counted = leads & taking_part
    if views & taking_part:
        counted |= taking_part
    return sorted(counted)
