"""The information/consent sheet and the readable export as PDFs, in the person's language."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from quartier.people.consent import CURRENT_WORDING, record_consent
from quartier.people.intake import take_in
from quartier.people.models import Participant, Purpose
from quartier.people.pdf import consent_sheet_pdf, export_pdf, language_for
from quartier.people.rights import export_person

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def loaded(participant: Participant) -> Participant:
    """As the views load the person: organisation, project and places joined."""
    return Participant.objects.select_related(
        "organisation", "project", "quarter", "neighbourhood"
    ).get(pk=participant.pk)


@pytest.fixture
def amira(home_org, project, counsellor, east, unscoped):
    person = take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="أميرة",
        family_name="الحسن",
        name_latin="Amira al-Hassan",
        date_of_birth=date(1990, 5, 17),
        gender="w",
        postcode="01234",
        preferred_language="ar",
        languages=["ar", "de"],
        citizenships=["SY"],
    )
    return loaded(person)


@pytest.fixture
def jana(home_org, project, counsellor, unscoped):
    person = take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Jana",
        family_name="Müller",
        date_of_birth=date(1988, 11, 3),
        preferred_language="de",
    )
    return loaded(person)


def test_the_german_sheet_has_the_notice_the_purposes_and_the_wording_version(jana):
    text = text_of(consent_sheet_pdf(jana, "de"))
    assert "Jana Müller" in text
    assert "Beratung Ost" in text
    assert "Arbeit im Quartier" in text
    assert "2031" in text  # the project's retention date
    assert "Art. 13" in text
    assert CURRENT_WORDING[Purpose.PHOTOS] in text
    assert CURRENT_WORDING[Purpose.ESF_NOTICE] in text
    # Purpose labels come from the German catalogue.
    assert "Fotos" in text


def test_the_arabic_sheet_reads_back_in_logical_order(amira):
    text = text_of(consent_sheet_pdf(amira, "ar"))
    # The person's name and a purpose from the Arabic catalogue, right to left on
    # the page, extracted in reading (logical) order.
    assert "أميرة الحسن" in text
    assert "الصور في الفعاليات" in text
    assert CURRENT_WORDING[Purpose.SURVEYS] in text


@pytest.mark.parametrize("language", ["de", "en", "ru", "vi", "ar", "kmr", "uk"])
def test_the_sheet_prints_in_every_language(jana, language):
    text = text_of(consent_sheet_pdf(jana, language))
    assert "Jana Müller" in text
    assert CURRENT_WORDING[Purpose.COUNSELLING] in text


def test_the_sheet_is_printed_in_the_persons_language_unless_another_is_asked(amira):
    assert language_for(amira) == "ar"
    assert language_for(amira, "uk") == "uk"
    assert language_for(amira, "xx") == "ar"
    amira.preferred_language = "tlh"
    assert language_for(amira) == "de"


def test_the_readable_export_shows_labels_and_values_in_the_persons_language(amira, counsellor):
    record_consent(amira, Purpose.PHOTOS, "ar", counsellor)
    export = export_person(amira, counsellor, "pdf")
    text = text_of(export_pdf(amira, export, "ar"))
    assert "أميرة الحسن" in text
    assert "امرأة" in text  # gender "Woman", shown as its label, not the code
    assert "الصور في الفعاليات" in text  # the consent's purpose
    assert "Amira al-Hassan" in text
