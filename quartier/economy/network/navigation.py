"""What the network part adds elsewhere: navigation entries and the business page section."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from quartier.accounts.access import STAFF

SECTION_TEMPLATE = "economy/network/_business_section.html"


def business_section(request: HttpRequest, business) -> dict | None:
    """The business's premises (tenancies, newest first) and its ongoing relations.

    Two queries; None (no section) for users who are not staff, e.g. the business's employer.
    """
    from quartier.economy.models import Cooperation, Tenancy
    from quartier.economy.network.graph import with_parties

    if not STAFF.allows(request.user):
        return None
    tenancies = list(
        Tenancy.objects.filter(business=business)
        .select_related("unit__house")
        .order_by("-since", "-id")
    )
    relations = list(
        with_parties(
            Cooperation.objects.filter(Q(business_a=business) | Q(business_b=business)).filter(
                until__isnull=True
            )
        )
    )
    partners = [
        {
            "party": c.party_b if c.business_a_id == business.pk else c.party_a,
            "cooperation": c,
        }
        for c in relations
    ]
    return {"tenancies": tenancies, "partners": partners}


def register() -> None:
    from quartier.accounts import navigation
    from quartier.economy import sections

    navigation.register(navigation.NavItem("economy:premises", _("Premises"), STAFF, 42))
    navigation.register(navigation.NavItem("economy:network", _("Cooperation"), STAFF, 43))
    sections.register_section(SECTION_TEMPLATE, business_section, order=60)
