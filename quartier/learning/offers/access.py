"""Who works with offers. Learning coordinators and project leads of the organising
organisation manage an offer; counsellors, coordinators and leads register their
organisation's participants. Services, registrations, views and the API read it."""

from quartier.accounts.access import roles
from quartier.accounts.models import Role

OFFER_MANAGERS = roles(Role.LEARNING_COORDINATOR, Role.PROJECT_LEAD)
# Who may register participants of their organisation for offers.
OFFER_STAFF = roles(Role.COUNSELLOR, Role.LEARNING_COORDINATOR, Role.PROJECT_LEAD)


def managed_organisations(user) -> list[int]:
    return OFFER_MANAGERS.organisations(user)
