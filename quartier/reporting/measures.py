"""TEMPORARY stand-in for the `measures` part's success measures (dropped at the merge)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from quartier.counselling.models import Case, Contact
from quartier.reporting.tables import Row, Table


def measure_tables(project, period, organisations, quarter=None) -> list[Table]:
    cases = Case.objects.filter(participant__project=project, organisation__in=organisations)
    if quarter is not None:
        cases = cases.filter(participant__quarter=quarter)
    figures = cases.aggregate(
        opened=Count("pk", filter=Q(opened_on__range=(period.start, period.end)), distinct=True),
    )
    contacts = Contact.objects.filter(
        case__in=cases, date__range=(period.start, period.end)
    ).aggregate(n=Count("pk"), interpreter=Count("pk", filter=Q(interpreter=True)))
    columns = [("total", _("Total"))]
    return [
        Table(
            "counselling",
            "Counselling towards work",
            columns,
            [
                Row("cases-opened", "Cases opened", {"total": figures["opened"]}),
                Row("contacts", _("Contacts"), {"total": contacts["n"]}),
                Row(
                    "contacts-interpreter",
                    "Contacts with an interpreter",
                    {"total": contacts["interpreter"]},
                ),
                Row(
                    "interpreter-share",
                    "Share with an interpreter",
                    {},
                    numerator="contacts-interpreter",
                    denominator="contacts",
                ),
            ],
            total_column=None,
        )
    ]
