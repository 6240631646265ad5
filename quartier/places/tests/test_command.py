import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quartier.places.models import ContactPoint
from quartier.places.tests.conftest import NORDHAFEN, SMALL_PACK, row_counts

pytestmark = pytest.mark.django_db


def test_load_site_loads_the_pack_and_prints_a_summary(capsys):
    call_command("load-site", str(NORDHAFEN))

    assert "Loaded site pack 'Trabalho no Bairro'" in capsys.readouterr().out
    assert ContactPoint.objects.filter(slug="hafenbuero").exists()


def test_load_site_fails_with_the_problem_and_changes_nothing(write_pack):
    path = write_pack(SMALL_PACK.replace('organisation = "traeger"', 'organisation = "x"'))
    before = row_counts()

    with pytest.raises(CommandError, match=r"contact_points\[0\].organisation: unknown"):
        call_command("load-site", str(path))

    assert row_counts() == before


def test_load_site_exits_non_zero_from_the_command_line(write_pack):
    path = write_pack("name = \n")
    with pytest.raises(SystemExit) as exit_info:
        call_command_from_argv(["quartier", "load-site", str(path)])
    assert exit_info.value.code != 0


def call_command_from_argv(argv: list[str]) -> None:
    from django.core.management import ManagementUtility

    ManagementUtility(argv).execute()
