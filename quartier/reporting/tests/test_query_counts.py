"""Every figure of a dashboard costs a fixed number of queries, whatever the period or
the size of the programme: the ESF+ tables, the success measures and the line over time."""

import pytest

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.reporting import dashboard, esf, measures
from quartier.reporting.periods import parse
from quartier.reporting.tests.programme import TODAY, build, random_plan

pytestmark = pytest.mark.django_db

# The ESF+ tables, the measures, the new participants by month.
FIGURES = esf.QUERIES + measures.QUERIES + 1


@pytest.fixture
def staff(personas, home_org, other_org):
    elsewhere = make_user("beratung@elsewhere.example.org", Role.COUNSELLOR, other_org)
    return {home_org.pk: personas["counsellor"], other_org.pk: elsewhere}


def test_the_figures_cost_the_same_queries_for_a_month_and_the_phase(
    django_assert_num_queries, project, home_org, other_org, staff
):
    organisations = [home_org.pk, other_org.pk]
    periods = [parse("2026-03", today=TODAY), parse("phase", today=TODAY, project=project)]

    def figures(period):
        return dashboard.all_tables(dashboard.Filters(project, period, organisations))

    for period in periods:
        with django_assert_num_queries(FIGURES):
            empty = figures(period)
    build(project, random_plan([home_org, other_org], 40, seed=3), staff)
    for period in periods:
        with django_assert_num_queries(FIGURES):
            counted = figures(period)
        assert [table.key for _section, table in counted] == [
            table.key for _section, table in empty
        ]
    entered = next(table for _section, table in counted if table.key == "esf-outputs")
    assert entered.cell("entered", "total") > 0
