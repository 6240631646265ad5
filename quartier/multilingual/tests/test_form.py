"""The form field and widget: one labelled input per language, and a ModelForm round trip."""

import re

from django import forms
from django.utils import translation

from quartier.learning.models import Offer
from quartier.multilingual.forms import MultilingualFormField
from quartier.places.models import ContactPoint

INPUT = re.compile(r"<(input|textarea)\b([^>]*)>")
LABEL = re.compile(r'<label for="([^"]+)">(.*?)</label>', re.S)


class OfferTextsForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["title", "description"]


def inputs(html: str) -> list[dict[str, str]]:
    found = []
    for tag, attrs in INPUT.findall(html):
        values = dict(re.findall(r'([a-z-]+)="([^"]*)"', attrs))
        values["tag"] = tag
        values["required"] = " required" in attrs
        found.append(values)
    return found


def labels(html: str) -> dict[str, str]:
    return {target: re.sub(r"<[^>]+>", "", text).strip() for target, text in LABEL.findall(html)}


def test_a_modelform_gets_one_input_per_language_german_first_and_required():
    form = OfferTextsForm()
    assert isinstance(form.fields["title"], MultilingualFormField)
    with translation.override("de"):
        html = str(form["title"].as_field_group())
    title = inputs(html)
    assert [i["name"] for i in title] == [
        "title_de",
        "title_en",
        "title_ru",
        "title_vi",
        "title_ar",
        "title_kmr",
        "title_uk",
    ]
    assert [i["lang"] for i in title] == ["de", "en", "ru", "vi", "ar", "kmr", "uk"]
    assert [i["dir"] for i in title] == ["ltr", "ltr", "ltr", "ltr", "rtl", "ltr", "ltr"]
    assert [i["required"] for i in title] == [True] + [False] * 6
    assert {i["maxlength"] for i in title} == {"200"}
    assert '<fieldset aria-describedby="id_title_helptext">' in html
    assert "<legend>Titel:</legend>" in html
    assert labels(html) == {
        "id_title_de": "Deutsch (erforderlich)",
        "id_title_en": "Englisch",
        "id_title_ru": "Russisch",
        "id_title_vi": "Vietnamesisch",
        "id_title_ar": "Arabisch",
        "id_title_kmr": "Kurdisch (Kurmandschi)",
        "id_title_uk": "Ukrainisch",
    }


def test_the_labels_name_the_languages_in_the_users_language():
    with translation.override("ar"):
        html = str(OfferTextsForm()["title"].as_field_group())
    assert labels(html)["id_title_de"] == "الألمانية (مطلوب)"
    assert labels(html)["id_title_ar"] == "العربية"


def test_optional_texts_have_text_areas_and_nothing_required():
    html = str(OfferTextsForm()["description"].as_field_group())
    description = inputs(html)
    assert {i["tag"] for i in description} == {"textarea"}
    assert not any(i["required"] for i in description)
    assert "required" not in " ".join(labels(html).values())


def test_a_modelform_round_trip_shows_saves_and_reads_back_the_texts():
    offer = Offer(title={"de": "Gartengruppe", "ar": "مجموعة الحديقة"}, description={})
    html = str(OfferTextsForm(instance=offer)["title"])
    assert 'name="title_ar"' in html and 'value="مجموعة الحديقة"' in html

    form = OfferTextsForm(
        {
            "title_de": " Gartengruppe ",
            "title_ar": "مجموعة الحديقة",
            "title_uk": "",
            "description_de": "Wir gärtnern.",
        },
        instance=offer,
    )
    assert form.is_valid(), form.errors
    assert form.has_changed() and form.changed_data == ["description"]
    saved = form.save(commit=False)
    assert saved.title == {"de": "Gartengruppe", "ar": "مجموعة الحديقة"}
    assert saved.description == {"de": "Wir gärtnern."}
    with translation.override("ar"):
        assert str(saved.title) == "مجموعة الحديقة"
        assert str(saved.description) == "Wir gärtnern."


def test_a_refused_text_is_reported_in_the_users_language_and_marks_only_its_input():
    data = {"title_de": "Garten", "title_ar": "ب" * 201}
    with translation.override("ar"):
        form = OfferTextsForm(data)
        assert not form.is_valid()
        assert form.errors["title"] == ["العربية: 200 حرفًا على الأكثر (في هذا النص 201)."]
        html = str(form["title"].as_field_group())
    invalid = [i["lang"] for i in inputs(html) if i.get("aria-invalid") == "true"]
    assert invalid == ["ar"]
    assert 'value="' + "ب" * 201 + '"' in html  # what was typed is shown again


def test_a_missing_german_title_is_refused_in_german():
    with translation.override("de"):
        form = OfferTextsForm({"title_ar": "حديقة"})
        assert not form.is_valid()
        assert form.errors["title"] == [
            "Deutsch: Dieser Text ist erforderlich; er wird angezeigt, wo eine Übersetzung fehlt."
        ]
        html = str(form["title"].as_field_group())
    assert [i["lang"] for i in inputs(html) if i.get("aria-invalid") == "true"] == ["de"]


class NoteForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = ["note"]


def test_a_site_pack_text_in_another_language_keeps_its_input_and_survives_a_save():
    point = ContactPoint(note={"de": "Bitte klingeln.", "pt": "Toque à campainha."})
    with translation.override("de"):
        html = str(NoteForm(instance=point)["note"].as_field_group())
    assert [i["lang"] for i in inputs(html)][-1] == "pt"
    assert labels(html)["id_note_pt"] == "Portugiesisch"
    form = NoteForm({"note_de": "Bitte klingeln.", "note_pt": "Toque."}, instance=point)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == {"de": "Bitte klingeln.", "pt": "Toque."}
