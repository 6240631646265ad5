"""Who may use the ESCO pages and API: the programme's staff who work with people."""

from quartier.accounts.access import roles
from quartier.accounts.models import Role

ESCO_STAFF = roles(
    Role.COUNSELLOR,
    Role.BUSINESS_ADVISOR,
    Role.LEARNING_COORDINATOR,
    Role.PROJECT_LEAD,
    Role.ADMINISTRATOR,
)
