"""The start page's numbers of "My cases": follow-ups and next steps that are due."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import start
from quartier.counselling import filters
from quartier.counselling.cases import CASE_WORK
from quartier.counselling.filters import MyCasesFilter
from quartier.counselling.views import cases_to_do


def _cases_count(query: dict[str, str]):
    """Cases "My cases" lists with these filters (its queryset and its FilterSet)."""

    def count(user) -> int:
        data = QueryDict(mutable=True)
        data.update(query)
        return MyCasesFilter(data, queryset=cases_to_do(user), user=user).qs.count()

    return count


def _number(key: str, label, query: dict[str, str], order: int) -> start.Number:
    return start.Number(
        key, label, "counselling:my-cases", CASE_WORK, _cases_count(query), query, order
    )


def register() -> None:
    start.contribute(
        start.COUNSELLOR,
        _number(
            "follow-ups-due",
            _("Follow-ups due this week"),
            {"kind": filters.FOLLOW_UPS, "due": filters.THIS_WEEK},
            10,
        ),
    )
    start.contribute(
        start.COUNSELLOR,
        _number(
            "next-steps-overdue",
            _("Overdue next steps"),
            {"kind": filters.NEXT_STEPS, "due": filters.OVERDUE},
            20,
        ),
    )
    start.contribute(
        start.LEAD,
        _number(
            "organisation-next-steps-overdue",
            _("Overdue next steps in the organisation"),
            {"whose": filters.EVERYONE, "kind": filters.NEXT_STEPS, "due": filters.OVERDUE},
            20,
        ),
    )
