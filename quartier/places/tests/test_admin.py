import pytest
from django.apps import apps

from quartier.accounts.models import User
from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import NORDHAFEN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["sitepack", "quarter", "neighbourhood", "postcode", "contactpoint"]
)
def test_an_operator_can_list_and_open_every_places_model(client, model):
    load_site_pack(NORDHAFEN)
    operator = User.objects.create_superuser("operator@example.org", "a long password 1")
    client.force_login(operator)

    listing = client.get(f"/ops/admin/places/{model}/")

    assert listing.status_code == 200
    # Primary keys are not 1 on PostgreSQL, whose sequences outlive each test.
    first = apps.get_model("places", model).objects.order_by("pk").first()
    assert client.get(f"/ops/admin/places/{model}/{first.pk}/change/").status_code == 200
