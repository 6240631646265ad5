"""TEMPORARY stand-in for the `core` part's ESF+ tables (dropped at the merge)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from quartier.people.models import EntryData
from quartier.reporting.tables import GENDER_COLUMNS, Row, Table, by_gender


def esf_tables(project, period, organisations, quarter=None) -> list[Table]:
    entries = EntryData.objects.filter(
        participant__project=project,
        participant__organisation__in=organisations,
        entry_date__range=(period.start, period.end),
    )
    if quarter is not None:
        entries = entries.filter(participant__quarter=quarter)
    counts = dict(
        entries.values("participant__gender")
        .annotate(n=Count("pk"))
        .values_list("participant__gender", "n")
    )
    unemployed = by_gender({})
    return [
        Table(
            "esf-outputs",
            _("ESF+ output indicators"),
            GENDER_COLUMNS,
            [
                Row("EECO01", "Total participants", by_gender(counts)),
                Row("EECO02", "Unemployed, including long-term unemployed", unemployed),
            ],
        ),
        Table(
            "esf-results",
            _("ESF+ result indicators"),
            GENDER_COLUMNS,
            [Row("EECR04", "Participants in employment upon leaving", by_gender({}))],
        ),
    ]
