from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Role
from quartier.conftest import make_user
from quartier.counselling.cases import (
    can_work_on,
    cases_visible_to,
    participants_shared_with,
)
from quartier.counselling.contacts import add_contact
from quartier.counselling.models import ShareKind
from quartier.counselling.sharing import CounsellingError, NoConsentError, end_share, share_case
from quartier.people.consent import record_consent, withdraw_consent
from quartier.people.models import Purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(other_org):
    """A counsellor at the other organisation."""
    return make_user("beraterin@bildung-west.example.org", Role.COUNSELLOR, other_org)


def consent_to_pass_on(participant, organisation, by):
    return record_consent(participant, Purpose.HANDOVER, "vi", by, recipient=organisation)


def test_sharing_is_refused_without_the_persons_consent(case, counsellor, other_org, partner):
    with pytest.raises(NoConsentError, match="has not consented"):
        share_case(case, other_org, counsellor)
    assert not cases_visible_to(partner).exists()


def test_a_consent_for_another_recipient_or_purpose_does_not_count(
    case, lan, counsellor, other_org, business_org
):
    record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=business_org)
    record_consent(lan, Purpose.COUNSELLING, "vi", counsellor)
    with pytest.raises(NoConsentError):
        share_case(case, other_org, counsellor)


def test_with_consent_the_case_and_the_person_become_visible_to_the_recipient(
    case, lan, counsellor, other_org, partner
):
    consent_to_pass_on(lan, other_org, counsellor)
    share = share_case(case, other_org, counsellor)
    assert share.kind == ShareKind.SHARE
    assert list(cases_visible_to(partner)) == [case]
    assert list(participants_shared_with(partner)) == [lan]
    with scopes_disabled():
        assert AuditEntry.objects.latest("id").code == "counselling.case.shared"


def test_withdrawing_the_consent_hides_the_case_at_once(case, lan, counsellor, other_org, partner):
    consent = consent_to_pass_on(lan, other_org, counsellor)
    share_case(case, other_org, counsellor)
    withdraw_consent(consent, counsellor)
    assert not cases_visible_to(partner).exists()
    assert not participants_shared_with(partner).exists()
    # The holder still sees its own case.
    assert list(cases_visible_to(counsellor)) == [case]


def test_a_new_consent_does_not_revive_a_share_resting_on_a_withdrawn_one(
    case, lan, counsellor, other_org, partner
):
    consent = consent_to_pass_on(lan, other_org, counsellor)
    share_case(case, other_org, counsellor)
    withdraw_consent(consent, counsellor)
    consent_to_pass_on(lan, other_org, counsellor)
    assert not cases_visible_to(partner).exists()


def test_ending_a_share_hides_the_case(case, lan, counsellor, other_org, partner):
    consent_to_pass_on(lan, other_org, counsellor)
    share = share_case(case, other_org, counsellor)
    end_share(share, counsellor)
    assert share.ended_at is not None
    assert not cases_visible_to(partner).exists()
    # ... and the case may be shared again under the same consent.
    share_case(case, other_org, counsellor)
    assert cases_visible_to(partner).exists()


def test_a_case_is_shared_with_an_organisation_once(case, lan, counsellor, other_org):
    consent_to_pass_on(lan, other_org, counsellor)
    share_case(case, other_org, counsellor)
    with pytest.raises(CounsellingError, match="already"):
        share_case(case, other_org, counsellor, kind=ShareKind.HANDOVER)


def test_a_case_is_not_shared_with_its_own_organisation(case, counsellor, home_org):
    with pytest.raises(CounsellingError, match="held by this organisation"):
        share_case(case, home_org, counsellor)


def test_a_share_lets_the_recipient_read_and_a_handover_lets_it_work(
    case, lan, counsellor, other_org, partner
):
    consent_to_pass_on(lan, other_org, counsellor)
    share = share_case(case, other_org, counsellor)
    assert not can_work_on(case, partner)
    end_share(share, counsellor)
    share_case(case, other_org, counsellor, kind=ShareKind.HANDOVER)
    assert can_work_on(case, partner)
    contact = add_contact(
        case, partner, date=date(2026, 6, 12), duration_minutes=30, channel="phone", language="de"
    )
    assert contact.counsellor == partner
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="counselling.case.handed_over").exists()


def test_without_a_share_the_other_organisation_sees_nobody(case, lan, personas, partner):
    for user in (personas["outsider"], partner):
        assert not cases_visible_to(user).exists()
        assert not participants_shared_with(user).exists()
