"""Labels of actions are verbs in every language: "Erfassen", never "Datensatz".

A button's msgid is often a word that is also a noun or a state elsewhere ("Record"
in the audit log's column, "Let" for a unit that is let); such a button says
``context "button"``, so that its translation can be the verb.
"""

import re

from django.conf import settings
from django.utils import translation

# German translations that are nouns or states: a submit button must never read so.
NOT_ACTIONS = {
    "Datensatz",
    "Vermietet",
    "Beginn",
    "Ende",
    "Erledigt",
    "Erforderlich",
    "Wünschenswert",
    "Suche",
    "Filter",
    "Prüfung",
}
BUTTON = re.compile(
    r'<button[^>]*type="submit"[^>]*>\s*\{% translate "([^"]+)"(?: context "([^"]+)")? %\}'
    r"\s*</button>"
)


def template_buttons() -> list[tuple[str, str, str | None]]:
    found = []
    for path in sorted(settings.BASE_DIR.rglob("templates/**/*.html")):
        for msgid, context in BUTTON.findall(path.read_text(encoding="utf-8")):
            found.append((path.name, msgid, context or None))
    return found


def test_every_submit_button_is_a_verb_in_german():
    buttons = template_buttons()
    assert len(buttons) > 50  # the pattern still finds the templates' buttons
    with translation.override("de"):
        labels = {
            (name, msgid): (
                translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            )
            for name, msgid, context in buttons
        }
    wrong = {key: label for key, label in labels.items() if label in NOT_ACTIONS}
    assert wrong == {}
