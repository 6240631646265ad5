"""Who works with appointments: a contact point's organisation's counsellors and
learning coordinators. Slots, the feed, visits, the timeline and the services read it."""

from quartier.accounts.access import roles
from quartier.accounts.models import Role

APPOINTMENT_ROLES = (Role.COUNSELLOR, Role.LEARNING_COORDINATOR)
APPOINTMENT_STAFF = roles(*APPOINTMENT_ROLES)
