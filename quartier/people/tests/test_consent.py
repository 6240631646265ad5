from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people.consent import (
    ConsentError,
    has_consent,
    record_consent,
    record_consents,
    withdraw_consent,
)
from quartier.people.intake import take_in
from quartier.people.models import Purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(home_org, project, counsellor):
    return take_in(
        home_org, project, counsellor, date(2026, 3, 2), given_name="Lan", family_name="Trần"
    )


def test_a_consent_is_a_record_with_wording_and_language(person, counsellor):
    consent = record_consent(person, Purpose.EMPLOYER_PROFILE, "vi", counsellor)
    assert (consent.wording_version, consent.language, consent.recorded_by) == (
        "2026-1",
        "vi",
        counsellor,
    )
    assert has_consent(person, Purpose.EMPLOYER_PROFILE)
    assert not has_consent(person, Purpose.PHOTOS)


def test_withdrawal_takes_effect_at_once_and_is_audited(person, counsellor):
    consent = record_consent(person, Purpose.EMPLOYER_PROFILE, "vi", counsellor)
    withdraw_consent(consent, counsellor)
    assert consent.withdrawn_at is not None
    assert not has_consent(person, Purpose.EMPLOYER_PROFILE)
    with scopes_disabled():
        codes = list(AuditEntry.objects.order_by("id").values_list("code", flat=True))
    assert codes[-2:] == ["people.consent.given", "people.consent.withdrawn"]


def test_a_live_consent_cannot_be_given_twice_but_again_after_withdrawal(person, counsellor):
    consent = record_consent(person, Purpose.SURVEYS, "de", counsellor)
    with pytest.raises(ConsentError):
        record_consent(person, Purpose.SURVEYS, "de", counsellor)
    withdraw_consent(consent, counsellor)
    assert record_consent(person, Purpose.SURVEYS, "de", counsellor).is_live


def test_a_handover_consent_names_its_recipient(person, counsellor, other_org, business_org):
    record_consent(person, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    assert has_consent(person, Purpose.HANDOVER, recipient=other_org)
    assert not has_consent(person, Purpose.HANDOVER, recipient=business_org)


def test_several_purposes_are_recorded_together_or_not_at_all(person, counsellor, other_org):
    recorded = record_consents(
        person,
        [Purpose.PHOTOS, Purpose.HANDOVER, Purpose.SURVEYS],
        "vi",
        counsellor,
        notice=True,
        recipient=other_org,
    )
    assert [(c.purpose, c.recipient) for c in recorded] == [
        ("esf_notice", None),
        ("photos", None),
        ("handover", other_org),
        ("surveys", None),
    ]
    # Surveys are given already: the new photos consent is not kept either.
    withdraw_consent(recorded[1], counsellor)
    with pytest.raises(ConsentError):
        record_consents(person, [Purpose.PHOTOS, Purpose.SURVEYS], "vi", counsellor)
    assert not has_consent(person, Purpose.PHOTOS)


def test_the_notice_is_no_consent_and_cannot_be_withdrawn(person, counsellor):
    (notice,) = record_consents(person, [], "vi", counsellor, notice=True)
    assert notice.is_notice
    with pytest.raises(ConsentError):
        withdraw_consent(notice, counsellor)
    with pytest.raises(ConsentError):
        record_consents(person, [Purpose.ESF_NOTICE], "vi", counsellor)
    # Nothing that asks for a consent finds one.
    for purpose in Purpose.values:
        if purpose != Purpose.ESF_NOTICE:
            assert not has_consent(person, purpose)
    with scopes_disabled():
        codes = list(AuditEntry.objects.order_by("id").values_list("code", flat=True))
    assert codes[-1] == "people.notice.given"
    assert "people.consent.withdrawn" not in codes
