"""Real pages: staff enter texts per language; the public reads them in Arabic or German."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from quartier.economy.businesses_register import save_business
from quartier.economy.models import Sector, Vacancy
from quartier.learning.models import Offer

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "de", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_an_offer_entered_per_language_is_shown_in_arabic_with_the_german_description(
    client, personas
):
    client.force_login(personas["coordinator"])
    form = text(client.get(url("learning:offer-create")))
    assert 'name="title_ar" lang="ar" dir="rtl"' in form

    response = client.post(
        url("learning:offer-create"),
        {
            "kind": "taster",
            "audience": "residents",
            "online_url": "https://meet.example.org/garden",
            "cost": "0",
            "published": "on",
            "registration_open": "on",
            "languages": ["de", "ar"],
            "title_de": "Gärtnern im Quartier",
            "title_ar": " البستنة في الحي ",
            "description_de": "Ein Schnupperkurs im Hof.",
        },
    )
    assert response.status_code == 302, text(response)
    offer = Offer.objects.get()
    assert offer.title == {"de": "Gärtnern im Quartier", "ar": "البستنة في الحي"}
    assert offer.description == {"de": "Ein Schnupperkurs im Hof."}

    page = text(client.get(url("learning-public:offer", "ar", code=offer.code)))
    assert "البستنة في الحي" in page
    assert "Ein Schnupperkurs im Hof." in page  # no Arabic description: the German one
    assert "Gärtnern im Quartier" not in page
    assert "Gärtnern im Quartier" in text(
        client.get(url("learning-public:offer", "ru", code=offer.code))
    )


def test_an_offer_without_a_german_title_is_refused_with_the_message_at_the_field(client, personas):
    client.force_login(personas["coordinator"])
    response = client.post(
        url("learning:offer-create", "ar"),
        {"kind": "taster", "languages": ["ar"], "title_ar": "البستنة", "cost": "0"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "الألمانية: هذا النص مطلوب؛ فهو يظهر حيث تنقص الترجمة." in page
    assert 'value="البستنة"' in page
    assert not Offer.objects.exists()


def test_a_vacancy_entered_per_language_is_shown_in_arabic_with_the_german_description(
    client, personas, business_org
):
    bakery = save_business(
        None,
        {
            "name": "Bäckerei am Platz",
            "organisation": business_org,
            "sector": Sector.objects.get(slug="crafts"),
            "street": "Eisenbahnstraße",
            "house_number": "12",
        },
        personas["advisor"],
    )
    client.force_login(personas["advisor"])
    form = text(client.get(url("economy:vacancy-create")))
    assert 'name="title_de" lang="de" dir="ltr"' in form
    assert re.search(r'<textarea name="description_ar"[^>]* lang="ar" dir="rtl"', form)

    response = client.post(
        url("economy:vacancy-create"),
        {
            "business": bakery.slug,
            "kind": "apprenticeship",
            "status": "open",
            "published": "on",
            "title_de": "Ausbildung Bäcker/in",
            "title_ar": "تدريب مهني خباز",
            "description_de": "Frühschicht, kleines Team.",
        },
    )
    assert response.status_code == 302, text(response)
    vacancy = Vacancy.objects.get()
    assert vacancy.titles == {"de": "Ausbildung Bäcker/in", "ar": "تدريب مهني خباز"}

    page = text(client.get(url("economy-public:vacancy-detail", "ar", code=vacancy.public_id)))
    assert "تدريب مهني خباز" in page
    assert "Frühschicht, kleines Team." in page
    assert "Ausbildung Bäcker/in" not in page

    edit = text(client.get(url("economy:vacancy-edit", code=vacancy.public_id)))
    assert '<input type="text" name="title_ar" value="تدريب مهني خباز" lang="ar" dir="rtl"' in edit
