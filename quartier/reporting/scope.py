"""TEMPORARY stand-in for the `core` part's scope (dropped at the merge)."""

from quartier.accounts.access import roles
from quartier.accounts.models import Membership, Role
from quartier.people.models import Project

READERS = roles(Role.PROJECT_LEAD, Role.REPORTING_VIEWER)


def projects_for(user) -> list[Project]:
    if not READERS.allows(user):
        return []
    return list(Project.objects.order_by("-starts_on", "pk"))


def organisations_for(user, project) -> list[int]:
    """Stand-in: a lead's own organisations; a viewer's and every other organisation with
    a member (no Project.organisations here yet)."""
    mine = READERS.organisations(user)
    if Role.REPORTING_VIEWER in {
        role
        for _org, role in Membership.objects.filter(user=user).values_list("organisation", "role")
    }:
        return sorted(
            set(
                Membership.objects.exclude(role=Role.EMPLOYER).values_list(
                    "organisation", flat=True
                )
            )
        )
    return mine
