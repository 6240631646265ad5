"""The advice part's share of a participant's data-subject rights (``people.rights``).

Export: the person's founder records with the funding advice and applications,
and the vacancies they filled. Erasure: founder records rest on the person's
consent and go at once (with advice and applications); a vacancy they filled
stays filled but no longer names them. Anonymisation: the same, set-wise.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.economy.models import Founder, FundingApplication, Vacancy
from quartier.people import rights as people_rights
from quartier.people.parts import Exporter

Rows = list[dict[str, Any]]

FOUNDER_FIELDS = ["business_idea", "premises_kind", "premises_area", "stage", "created_at"]


def founder_rows(participant) -> Rows:
    """Founder records with advice and applications. Three queries."""
    founders = list(
        Founder.objects.with_scopes_disabled()
        .filter(participant=participant)
        .select_related("sector")
        .prefetch_related("advice__programmes")
        .order_by("created_at", "pk")
    )
    applications = FundingApplication.objects.with_scopes_disabled().filter(founder__in=founders)
    by_founder: dict[int, list] = {}
    for application in applications.select_related("programme").order_by("applied_on", "pk"):
        by_founder.setdefault(application.founder_id, []).append(
            {
                "programme": application.programme.name,
                "applied_on": application.applied_on,
                "amount_requested": str(application.amount_requested or ""),
                "outcome": application.outcome,
                "amount_granted": str(application.amount_granted or ""),
            }
        )
    return [
        {
            **{name: getattr(founder, name) for name in FOUNDER_FIELDS},
            "sector": founder.sector.slug if founder.sector else "",
            "advice": [
                {"date": item.date, "programmes": [p.name for p in item.programmes.all()]}
                for item in founder.advice.all()
            ],
            "applications": by_founder.get(founder.pk, []),
        }
        for founder in founders
    ]


def filled_rows(participant) -> Rows:
    """Vacancies the person filled. One query."""
    vacancies = Vacancy.objects.filter(filled_by=participant).select_related("business")
    return [
        {"title": v.title("de"), "business": v.business.name, "filled_on": v.filled_on}
        for v in vacancies.order_by("filled_on", "pk")
    ]


def erase(participant, by) -> None:
    founders = Founder.objects.with_scopes_disabled().filter(participant=participant)
    count, _detail = founders.delete()
    filled = Vacancy.objects.filter(filled_by=participant).update(filled_by=None)
    if count or filled:
        log_action(
            "economy.participant.erased",
            by,
            participant,
            {"founder_records": count, "vacancies_unlinked": filled},
        )


def anonymise(participant_ids: list[int]) -> None:
    Founder.objects.with_scopes_disabled().filter(participant_id__in=participant_ids).delete()
    Vacancy.objects.filter(filled_by_id__in=participant_ids).update(filled_by=None)


def export_sections() -> list[Exporter]:
    """Founder records and filled vacancies in the export (``advice/person.py`` offers them)."""
    founder = people_rights.export_section(
        "economy_founder",
        founder_rows,
        title=_("Founding a business"),
        labels={
            "business_idea": _("business idea"),
            "premises_kind": _("premises needed"),
            "premises_area": _("area needed (m²)"),
            "stage": _("stage"),
            "created_at": _("created"),
            "sector": _("sector"),
            "advice": _("funding advice"),
            "applications": _("funding applications"),
        },
    )
    filled = people_rights.export_section(
        "economy_vacancies_filled",
        filled_rows,
        title=_("Vacancies filled"),
        labels={"title": _("title"), "business": _("business"), "filled_on": _("filled on")},
    )
    return [founder, filled]
