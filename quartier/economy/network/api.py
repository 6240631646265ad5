"""The cooperation network over the API, read-only, for staff tokens."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.access import STAFF
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages
from quartier.economy.models import CooperationKind
from quartier.economy.network import cooperation as network_cooperation
from quartier.economy.network import graph as network_graph

router = Router(tags=["economy"])


class PartyOut(Schema):
    type: str  # "business" or "organisation"
    slug: str
    name: str


class CooperationOut(Schema):
    id: int
    first: PartyOut
    second: PartyOut
    kind: str
    since: date
    until: date | None
    note: str

    @staticmethod
    def resolve_first(cooperation) -> dict:
        return _party(cooperation, "a")

    @staticmethod
    def resolve_second(cooperation) -> dict:
        return _party(cooperation, "b")


class CountRow(Schema):
    kind: str
    counts: list[int]


class CountsOut(Schema):
    periods: list[str]
    kinds: list[CountRow]
    totals: list[int]


class NetworkFilter(Schema):
    start: date | None = None
    end: date | None = None
    kind: CooperationKind | None = None
    sector: str = ""


def _party(cooperation, side: str) -> dict:
    business = getattr(cooperation, f"business_{side}")
    if business is not None:
        return {"type": "business", "slug": business.slug, "name": business.name}
    organisation = getattr(cooperation, f"organisation_{side}")
    return {"type": "organisation", "slug": organisation.slug, "name": organisation.name}


def _checked(filters: NetworkFilter) -> NetworkFilter:
    if filters.start and filters.end and filters.end < filters.start:
        raise HttpError(422, _("The end of the period lies before its start."))
    return filters


@router.get(
    "/network/cooperations",
    response={200: list[CooperationOut], **errors(401, 403, 422)},
    auth=TokenAccess(STAFF),
    summary="Cooperation relations active in a period, of a kind, touching a sector",
)
@paginate(Pages)
def list_cooperations(request, filters: Query[NetworkFilter]):
    filters = _checked(filters)
    relations = network_cooperation.cooperations(
        start=filters.start, end=filters.end, kind=filters.kind or "", sector=filters.sector
    )
    return network_graph.with_parties(relations)


@router.get(
    "/network/counts",
    response={200: CountsOut, **errors(401, 403, 422)},
    auth=TokenAccess(STAFF),
    summary="Relations active per quarter-year or year, by kind (for reporting)",
)
def cooperation_counts(request, filters: Query[NetworkFilter], by: str = "quarter"):
    filters = _checked(filters)
    if by not in ("quarter", "year"):
        raise HttpError(422, _("Count per 'quarter' or 'year'."))
    today = timezone.localdate()
    start = filters.start or date(today.year - 1, 1, 1)
    end = filters.end or today
    if (end.year - start.year) > 20:
        raise HttpError(422, _("Ask for at most twenty years at once."))
    counted = network_cooperation.counts_per_period(
        start,
        end,
        by,
        network_cooperation.cooperations(kind=filters.kind or "", sector=filters.sector),
    )
    return {
        "periods": [period.label for period in counted.periods],
        "kinds": [{"kind": code, "counts": numbers} for code, _kind, numbers in counted.rows],
        "totals": counted.totals,
    }
