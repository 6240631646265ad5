"""PDFs from templates, laid out by WeasyPrint in one language.

WeasyPrint lays the page out with Pango, which shapes Arabic correctly; the stylesheets
name Noto fonts for every script the programme's languages use (Debian: fonts-noto-core).
"""

from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict[str, Any], language: str) -> bytes:
    """Render a template to PDF inside ``language``; the page's direction follows it."""
    with translation.override(language):
        html = render_to_string(
            template_name,
            {
                **context,
                "language_code": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
        return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
