"""``may_use``: a button is shown by its target view's own ``@allow``, for one organisation."""

from uuid import uuid4

import pytest

from quartier.accounts.access import PROJECT_LEAD, may_use, view_access
from quartier.accounts.models import Membership, Role
from quartier.conftest import make_user
from quartier.counselling.cases import CASE_WORK

pytestmark = pytest.mark.django_db

CODE = {"code": uuid4()}


def test_the_view_declares_the_access_the_button_follows():
    assert view_access("counselling:case-open", CODE) is CASE_WORK


def test_the_roles_of_the_view_decide(personas):
    assert may_use(personas["counsellor"], "counselling:case-open", CODE)
    assert may_use(personas["lead"], "counselling:case-open", CODE)
    for name in ("coordinator", "advisor", "viewer", "resident", "no_role"):
        assert not may_use(personas[name], "counselling:case-open", CODE), name


def test_with_an_organisation_the_role_must_be_held_there(personas, home_org, other_org):
    counsellor = personas["counsellor"]
    assert may_use(counsellor, "counselling:case-open", CODE, organisation_id=home_org.pk)
    assert not may_use(counsellor, "counselling:case-open", CODE, organisation_id=other_org.pk)
    # A coordinator here who leads elsewhere opens no case here.
    both = make_user("beides@example.org", Role.LEARNING_COORDINATOR, home_org)
    Membership.objects.create(user=both, organisation=other_org, role=Role.PROJECT_LEAD)
    assert may_use(both, "counselling:case-open", CODE, organisation_id=other_org.pk)
    assert not may_use(both, "counselling:case-open", CODE, organisation_id=home_org.pk)


def test_a_narrower_access_must_allow_too(personas, home_org):
    lead, counsellor = personas["lead"], personas["counsellor"]
    assert may_use(lead, "competences:passport", CODE, organisation_id=home_org.pk)
    assert not may_use(
        counsellor, "competences:passport", CODE, organisation_id=home_org.pk, narrower=PROJECT_LEAD
    )


def test_a_public_view_is_anyones(personas):
    assert may_use(personas["no_role"], "learning-public:offers")
