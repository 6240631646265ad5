"""The competence passport: rendered in the background, two languages side by side, verifiable."""

import io
from datetime import date

import pytest
from django_scopes import scopes_disabled
from pypdf import PdfReader

from quartier.accounts.models import AuditEntry
from quartier.competences.models import Passport
from quartier.competences.passport.services import issue_passport, verify
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.skills import add_skills
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_of(passport: Passport) -> bytes:
    with scopes_disabled():
        passport = Passport.objects.get(pk=passport.pk)
        with passport.pdf.open("rb") as handle:
            return handle.read()


def fill_profile(person, by, esco) -> None:
    """A cook's profile: a diploma, two languages, skills of three kinds, work, an informal part."""
    with scopes_disabled():
        add_qualification(
            person,
            by,
            title_original="دبلوم فني في فنون الطهي",
            title_de="Fachdiplom Kochkunst",
            country="SY",
            original_language="ar",
            isced_level="4",
            year=2006,
            recognition_status="applied",
            competent_body="IHK FOSA",
        )
        add_language(person, by, language="ar", understanding="native", speaking="native")
        add_language(
            person,
            by,
            language="de",
            understanding="B1",
            speaking="B1",
            writing="A2",
            certificate="dtz",
            certificate_year=2025,
        )
        add_skills(person, by, [esco["cook"], esco["prepare"], esco["nutrition"]])
        add_experience(
            person,
            by,
            title="Koch im Familienrestaurant",
            occupation=esco["cook"],
            country="SY",
            employer="مطعم الحداد",
            setting="family_business",
            formal=False,
            started_on=date(2008, 3, 1),
            ended_on=date(2015, 9, 1),
        )
        add_informal(
            person,
            by,
            field="family",
            activity="Für 40 Gäste bei Familienfesten gekocht",
            competence="Plant und kocht für große Gruppen",
            evidence_level="observed",
        )


def issued(person, by, django_capture_on_commit_callbacks) -> Passport:
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        passport, _is_new = issue_passport(person, by)
    with scopes_disabled():
        return Passport.objects.select_related("organisation").get(pk=passport.pk)


def test_the_arabic_passport_has_german_and_arabic_side_by_side_in_logical_order(
    rami, counsellor, esco, django_capture_on_commit_callbacks
):
    fill_profile(rami, counsellor, esco)
    passport = issued(rami, counsellor, django_capture_on_commit_callbacks)
    assert passport.status == Passport.Status.READY
    assert passport.languages == ["de", "ar"]
    text = text_of(pdf_of(passport))
    # German column: fixed texts from the German catalogue, the German title.
    assert "Kompetenz" in text or "Competence passport" in text
    assert "Fachdiplom Kochkunst" in text
    assert "Koch/Köchin" in text  # the ESCO occupation's German label
    # Arabic column: the title as written and a heading from the Arabic catalogue,
    # extracted as logical strings (right to left on the page, shaped by Pango).
    assert "دبلوم فني في فنون الطهي" in text
    assert "اللغات" in text  # "Languages"
    assert "مطعم الحداد" in text
    # Who issued it, and the verification code.
    assert "Beratung Ost" in text
    assert passport.display_code in text
    assert "/de/passport/verify/" + passport.code in text.replace("\n", "")


def test_a_ukrainian_speaker_gets_german_and_ukrainian(
    home_org, project, counsellor, esco, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        olena = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name="Олена",
            family_name="Коваль",
            name_latin="Olena Koval",
            preferred_language="uk",
        )
        add_language(olena, counsellor, language="uk", understanding="native")
    passport = issued(olena, counsellor, django_capture_on_commit_callbacks)
    assert passport.languages == ["de", "uk"]
    text = text_of(pdf_of(passport))
    assert "Олена Коваль" in text
    assert "Olena Koval" in text
    assert "Українська" in text or "українська" in text  # Ukrainian, named in Ukrainian


def test_a_german_speaker_gets_a_german_passport_only(
    home_org, project, counsellor, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        jana = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name="Jana",
            family_name="Müller",
            preferred_language="de",
        )
    passport = issued(jana, counsellor, django_capture_on_commit_callbacks)
    assert passport.languages == ["de"]
    assert "Jana Müller" in text_of(pdf_of(passport))


def test_the_passport_is_reused_until_the_profile_changes(
    rami, counsellor, esco, django_capture_on_commit_callbacks, monkeypatch
):
    fill_profile(rami, counsellor, esco)
    first = issued(rami, counsellor, django_capture_on_commit_callbacks)

    rendered = []
    from quartier.competences.passport import services as module

    original = module.passport_pdf
    monkeypatch.setattr(module, "passport_pdf", lambda p: rendered.append(p.pk) or original(p))

    again = issued(rami, counsellor, django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    assert rendered == []  # nothing was rendered again

    with scopes_disabled():
        add_language(rami, counsellor, language="en", understanding="A2")
    changed = issued(rami, counsellor, django_capture_on_commit_callbacks)
    assert changed.pk != first.pk
    assert changed.code != first.code
    assert changed.profile_version > first.profile_version
    assert rendered == [changed.pk]
    assert "Englisch" in text_of(pdf_of(changed))
    with scopes_disabled():
        codes = list(AuditEntry.objects.values_list("code", flat=True))
    assert codes.count("competences.passport.issued") == 2
    assert codes.count("competences.passport.reissued") == 1


def test_the_verification_code_is_short_typable_and_unguessable(rami, counsellor, esco):
    with scopes_disabled():
        passport, _new = issue_passport(rami, counsellor)
    assert len(passport.code) == 10
    assert set(passport.code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    # Typed in lower case, with a dash and an O for a zero, it is still found.
    typed = passport.display_code.lower().replace("0", "o")
    assert verify(typed) == passport
    assert verify("0000000000") is None
    assert verify("") is None


def test_the_verification_page_confirms_organisation_and_date_only(client, rami, counsellor):
    with scopes_disabled():
        passport, _new = issue_passport(rami, counsellor)
    response = client.get(f"/de/passport/verify/{passport.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beratung Ost" in html
    assert "15. Juni 2026" in html
    for personal in ("Rami", "Haddad", "1985", "Koch"):
        assert personal not in html


def test_an_unknown_code_is_not_found(client, db):
    response = client.get("/en/passport/verify/ABCDE12345/")
    assert response.status_code == 404
    assert "No passport with this verification code" in response.content.decode()


def test_the_verification_form_takes_a_typed_code(client, rami, counsellor):
    with scopes_disabled():
        passport, _new = issue_passport(rami, counsellor)
    response = client.get("/en/passport/verify/", {"code": passport.display_code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/en/passport/verify/{passport.code}/"


def test_a_corrected_name_makes_a_new_passport(rami, counsellor):
    from quartier.people.intake import change_participant

    with scopes_disabled():
        first, _new = issue_passport(rami, counsellor)
        change_participant(rami, counsellor, name_latin="Rami Haddad")
        second, is_new = issue_passport(rami, counsellor)
    assert is_new
    assert second.pk != first.pk
