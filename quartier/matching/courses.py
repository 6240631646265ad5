"""Gap → course: the open offers of the learning place that teach a missing skill.

An offer teaches the ESCO skills named on it (``Offer.skills``). It is *open* when it
is published, takes registrations and has a date still to come that is not
cancelled; the next such date is shown with it. Loaded set-wise for every missing
skill of a ranking at once (one query), so a ranking's explanations cost the same
whatever their number.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from quartier.learning.models import Offer, OfferDate
from quartier.lib.languages import in_language

# At most this many offers are named per missing skill (the soonest first).
PER_SKILL = 3


@dataclass(frozen=True)
class Course:
    """An open offer teaching a skill, as an explanation names it."""

    code: UUID
    title: str
    next_date: datetime
    url: str


def taught_by_open_offers(skills: Iterable[int]) -> QuerySet:
    """Rows (offer, skill) of the open offers teaching any of ``skills``: published,
    taking registrations, with a date still to come that is not cancelled."""
    upcoming = OfferDate.objects.filter(
        offer_id=OuterRef("offer_id"), ends_at__gte=timezone.now(), cancelled=False
    )
    return Offer.skills.through.objects.filter(
        Exists(upcoming),
        concept_id__in=skills,
        offer__published=True,
        offer__registration_open=True,
    )


def courses_teaching(
    skills: Iterable[int], language: str, *, staff: bool
) -> dict[int, list[Course]]:
    """For each skill id, the open offers teaching it, soonest first. One query (none
    without skills).

    ``staff``: link to the offer's staff page (for those who register participants),
    else to its public page.
    """
    wanted = sorted(set(skills))
    if not wanted:
        return {}
    now = timezone.now()
    rows = (
        taught_by_open_offers(wanted)
        .values("concept_id", "offer__code", "offer__title")
        .annotate(
            next_date=Min(
                "offer__dates__starts_at",
                filter=Q(offer__dates__ends_at__gte=now, offer__dates__cancelled=False),
            )
        )
        .order_by("concept_id", "next_date", "offer__code")
    )
    name = "learning:offer-detail" if staff else "learning-public:offer"
    found: dict[int, list[Course]] = defaultdict(list)
    for row in rows:
        listed = found[row["concept_id"]]
        if len(listed) < PER_SKILL:
            code = row["offer__code"]
            listed.append(
                Course(
                    code=code,
                    title=in_language(row["offer__title"] or {}, language),
                    next_date=row["next_date"],
                    url=reverse(name, kwargs={"code": code}),
                )
            )
    return dict(found)
