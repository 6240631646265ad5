"""TEMPORARY stand-in for core's esf.py (the coordinator drops this commit)."""

from django_scopes import scopes_disabled

from quartier.counselling.models import Exit
from quartier.people.models import Answer, Participant
from quartier.reporting.tables import GENDER_COLUMNS, Row, Table, by_gender


def _count(people, rule) -> dict[str, int]:
    counts: dict[str, int] = {}
    for person in people:
        if rule(person):
            counts[person.gender] = counts.get(person.gender, 0) + 1
    return by_gender(counts)


def esf_tables(project, period, organisations, quarter=None) -> list[Table]:
    with scopes_disabled():
        people = list(
            Participant.objects.filter(
                project=project,
                organisation__in=organisations,
                entry__entry_date__range=(period.start, period.end),
            ).select_related("entry")
        )
        exits = list(
            Exit.objects.filter(
                case__participant__project=project,
                case__organisation__in=organisations,
                exit_date__range=(period.start, period.end),
            ).select_related("case__participant")
        )
    outputs = Table(
        "esf-outputs",
        "ESF+ output indicators",
        GENDER_COLUMNS,
        [
            Row("EECO01", "Participants", _count(people, lambda p: True)),
            Row(
                "EECO02",
                "Unemployed",
                _count(people, lambda p: p.entry.employment_status == "unemployed"),
            ),
            Row(
                "EECO12",
                "With disabilities",
                _count(people, lambda p: p.entry.disability == Answer.YES),
            ),
        ],
        sums={"EECO01": ["EECO02"]},
    )
    last = {}
    for record in sorted(exits, key=lambda e: (e.exit_date, e.pk)):
        last[record.case.participant_id] = record
    leavers = [(record.case.participant, record) for record in last.values()]
    counts: dict[str, dict[str, int]] = {"employed": {}, "searching": {}}
    for person, record in leavers:
        if record.situation in counts:
            bucket = counts[record.situation]
            bucket[person.gender] = bucket.get(person.gender, 0) + 1
    results = Table(
        "esf-results",
        "ESF+ result indicators",
        GENDER_COLUMNS,
        [
            Row("EECR01", "Job searching upon leaving", by_gender(counts["searching"])),
            Row("EECR04", "In employment upon leaving", by_gender(counts["employed"])),
        ],
    )
    return [outputs, results]
