"""``MultilingualField``: multilingual content as one JSON column.

Written here rather than taken from a package. django-i18nfield (pretix's) keeps
the JSON in a text column and hands out its own string objects, so the column
type, the API's ``{"de": …}`` objects and every reader would change;
django-modeltrans translates through one registered PostgreSQL column per model
(SQLite is Quartier's default) and has no per-field form widget. What is needed
is small: a ``JSONField`` whose value stays a dict, validated in one place
(``texts.clean_texts``), with a form field showing one input per language.
"""

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.text import capfirst

from quartier.multilingual.forms import MultilingualFormField
from quartier.multilingual.texts import MultilingualText, as_text, clean_texts


class MultilingualDescriptor(DeferredAttribute):
    """Every value assigned to the field reads as ``MultilingualText``."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = as_text(value)


class MultilingualField(models.JSONField):
    """``{language code: text}`` for the programme languages, German the fallback.

    ``blank=False`` (the default) makes the content required, which means the
    German text is required. ``max_length`` limits each language's text;
    ``multiline`` shows text areas instead of one-line inputs in forms;
    ``any_language`` keeps texts in other ISO 639 languages too (a site pack's). Read the
    text with ``str(instance.field)`` or ``instance.field.text(language)``.
    """

    descriptor_class = MultilingualDescriptor
    # Checked in Python and by forms only: changing them needs no schema change.
    non_db_attrs = (*models.JSONField.non_db_attrs, "max_length", "multiline", "any_language")

    def __init__(
        self,
        *args,
        max_length: int | None = None,
        multiline: bool = False,
        any_language: bool = False,
        **kwargs,
    ):
        kwargs.setdefault("default", dict)
        self.multiline = multiline
        self.any_language = any_language
        super().__init__(*args, max_length=max_length, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.any_language:
            kwargs["any_language"] = True
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return as_text(super().from_db_value(value, expression, connection))

    def clean(self, value, model_instance) -> MultilingualText:
        """The validated, stripped value (``full_clean`` stores it on the instance)."""
        return clean_texts(
            value,
            required=not self.blank,
            max_length=self.max_length,
            label=capfirst(self.verbose_name),
            any_language=self.any_language,
        )

    def validate(self, value, model_instance) -> None:
        self.clean(value, model_instance)

    def formfield(self, **kwargs):
        defaults = {
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "max_length": self.max_length,
            "multiline": self.multiline,
            "any_language": self.any_language,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class", None) or MultilingualFormField
        for unused in ("choices_form_class", "encoder", "decoder"):
            defaults.pop(unused, None)
        return form_class(**defaults)
