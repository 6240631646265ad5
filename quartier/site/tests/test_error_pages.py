"""Refused, missing and failed pages: in the site's layout and the visitor's language."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db

TEXTS = {
    "de": {"dir": "ltr", 403: "Kein Zugriff auf diese Seite", 404: "Seite nicht gefunden"},
    "ar": {"dir": "rtl", 403: "لا يمكنك الوصول إلى هذه الصفحة", 404: "الصفحة غير موجودة"},
}


def assert_layout(html: str, language: str) -> None:
    assert f'<html lang="{language}" dir="{TEXTS[language]["dir"]}">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "/static/quartier/quartier.css" in html


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_missing_page_says_so_and_leads_back(client, language):
    response = client.get(f"/{language}/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_layout(html, language)
    assert TEXTS[language][404] in html
    assert f'class="button" href="/{language}/"' in html
    assert f'href="/{language}/staff/login/"' in html


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_refused_page_explains_and_keeps_the_menu(client, counsellor, language):
    """The audit log is for project leads; @allow refuses a counsellor with this page."""
    client.force_login(counsellor)
    response = client.get(f"/{language}/staff/audit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_layout(html, language)
    assert TEXTS[language][403] in html
    assert 'class="menu"' in html
    assert f'class="button" href="/{language}/staff/"' in html


@pytest.mark.parametrize(
    ("language", "heading"), [("de", "Etwas ist schiefgelaufen"), ("ar", "حدث خطأ ما")]
)
def test_a_server_error_page_needs_no_database(django_assert_num_queries, language, heading):
    handler = get_resolver().resolve_error_handler(500)
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_num_queries(0):
        response = handler(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert_layout(html, language)
    assert heading in html
    assert f'href="/{language}/"' in html
