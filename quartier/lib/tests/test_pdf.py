"""A template rendered to PDF and read back: the language and the direction of the page."""

import io

from pypdf import PdfReader

from quartier.lib.pdf import render_pdf


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_page_is_rendered_in_the_language_asked_for(tmp_path, settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path],
            "OPTIONS": {"builtins": ["django.templatetags.i18n"]},
        }
    ]
    (tmp_path / "sheet.html").write_text(
        '<html lang="{{ language_code }}" dir="{{ direction }}"><body>'
        "<p>{{ language_code }} {{ direction }} {{ name }}</p>"
        '<p>{% translate "Yes" %}</p></body></html>'
    )
    german = text_of(render_pdf("sheet.html", {"name": "Olena"}, "de"))
    arabic = text_of(render_pdf("sheet.html", {"name": "Olena"}, "ar"))
    assert "de ltr Olena" in german and "Ja" in german
    assert "rtl" in arabic and "Olena" in arabic
