"""Demo organisations and one login per role, for `quartier demo`."""

from dataclasses import dataclass

from django.db import transaction

from quartier.accounts.audit import log_action
from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "quartier-demo"

# The demo employer needs a business to belong to; businesses proper arrive with
# the economy register, this one only carries the employer's membership.
DEMO_BUSINESS = {
    "slug": "demo-betrieb",
    "name": "Beispielbetrieb Eisenbahnstraße (Demo)",
    "kind": OrganisationKind.BUSINESS,
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str
    organisation: str
    language: str = "de"
    operator: bool = False


DEMO_LOGINS = [
    DemoLogin("beratung@quartier.example", "Demo Beratung", Role.COUNSELLOR, "dialog"),
    DemoLogin(
        "wirtschaft@quartier.example", "Demo Wirtschaftsberatung", Role.BUSINESS_ADVISOR, "ic-e"
    ),
    DemoLogin("lerneck@quartier.example", "Demo Lerneck", Role.LEARNING_COORDINATOR, "daa-leipzig"),
    DemoLogin(
        "projektleitung@quartier.example", "Demo Projektleitung", Role.PROJECT_LEAD, "dialog"
    ),
    DemoLogin(
        "bericht@quartier.example", "Demo Berichtswesen", Role.REPORTING_VIEWER, "stadt-leipzig-aws"
    ),
    DemoLogin(
        "admin@quartier.example",
        "Demo Administration",
        Role.ADMINISTRATOR,
        "stadt-leipzig-aws",
        operator=True,
    ),
    DemoLogin("betrieb@quartier.example", "Demo Betrieb", Role.EMPLOYER, "demo-betrieb"),
    DemoLogin(
        "bewohner@quartier.example", "Demo Bewohnerin", Role.RESIDENT, "dialog", language="ar"
    ),
]


@transaction.atomic
def create_demo_logins() -> list[DemoLogin]:
    """Create (or refresh) the demo logins; running it twice keeps one copy of each."""
    Organisation.objects.update_or_create(
        slug=DEMO_BUSINESS["slug"],
        defaults={"name": DEMO_BUSINESS["name"], "kind": DEMO_BUSINESS["kind"]},
    )
    organisations = {org.slug: org for org in Organisation.objects.all()}
    missing = {login.organisation for login in DEMO_LOGINS} - organisations.keys()
    if missing:
        raise LookupError(
            "The site pack does not define the organisations " + ", ".join(sorted(missing))
        )
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(
            email=login.email,
            defaults={"name": login.name, "language": login.language},
        )
        user.name = login.name
        user.language = login.language
        user.is_staff = user.is_superuser = login.operator
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.get_or_create(
            user=user, organisation=organisations[login.organisation], role=login.role
        )
        if created:
            log_action(
                "accounts.user.created",
                subject=user,
                organisation=organisations[login.organisation],
                data={"role": login.role, "by": "demo"},
            )
    return DEMO_LOGINS
