"""The form field and widget of multilingual content: one input per language.

The inputs are named ``<field>_<code>`` and carry ``lang`` and ``dir`` (Arabic is
right to left); each has a label naming its language in the user's language,
German first and marked required when the content is required. The group is a
fieldset whose legend is the field's label. No JavaScript.
"""

from django import forms
from django.core.exceptions import ValidationError

from quartier.lib.languages import language_name
from quartier.multilingual.texts import (
    FALLBACK,
    LANGUAGE_CODE,
    MultilingualText,
    clean_texts,
    is_right_to_left,
    languages,
)


class MultilingualWidget(forms.Widget):
    template_name = "multilingual/widget.html"
    use_fieldset = True

    def __init__(
        self,
        attrs=None,
        multiline: bool = False,
        max_length: int | None = None,
        any_language: bool = False,
    ):
        super().__init__(attrs)
        self.multiline = multiline
        self.max_length = max_length
        # Texts in other languages (a site pack's) get an input too, so no save drops them.
        self.any_language = any_language
        # Set by the form field when it refuses the value, to mark those inputs.
        self.invalid_languages: set[str] = set()

    def _input(self) -> forms.Widget:
        return forms.Textarea(attrs={"rows": 3}) if self.multiline else forms.TextInput()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shared = dict(context["widget"]["attrs"])
        base_id = shared.pop("id", None)
        required = shared.pop("required", False)
        invalid = shared.pop("aria-invalid", None)
        texts = value if isinstance(value, dict) else {}
        inputs = []
        for code, language in self._languages(texts):
            attrs = {**shared, "lang": code, "dir": "rtl" if is_right_to_left(code) else "ltr"}
            if base_id:
                attrs["id"] = f"{base_id}_{code}"
            if self.max_length and not self.multiline:
                attrs["maxlength"] = self.max_length
            is_required = bool(required) and code == FALLBACK
            if is_required:
                attrs["required"] = True
            if invalid and (not self.invalid_languages or code in self.invalid_languages):
                attrs["aria-invalid"] = "true"
            text = texts.get(code, "")
            widget = self._input().get_context(f"{name}_{code}", text, attrs)["widget"]
            widget["language"] = {"code": code, "name": language, "required": is_required}
            inputs.append(widget)
        context["widget"]["inputs"] = inputs
        return context

    def _languages(self, codes) -> list[tuple[str, str]]:
        known = languages()
        if not self.any_language:
            return known
        others = sorted(code for code in codes if code not in dict(known))
        return known + [(code, language_name(code)) for code in others]

    def id_for_label(self, id_):
        # The fieldset's legend names the group; each input has its own label.
        return ""

    def value_from_datadict(self, data, files, name):
        posted = [key[len(name) + 1 :] for key in data if key.startswith(f"{name}_")]
        codes = [code for code in posted if LANGUAGE_CODE.match(code)]
        return {code: data.get(f"{name}_{code}", "") for code, _name in self._languages(codes)}

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{code}" not in data for code, _name in languages())


class MultilingualFormField(forms.Field):
    """Cleans to ``MultilingualText`` with the model field's rules (``texts.clean_texts``)."""

    widget = MultilingualWidget

    def __init__(
        self,
        *,
        max_length: int | None = None,
        multiline: bool = False,
        any_language: bool = False,
        **kwargs,
    ):
        self.max_length = max_length
        self.any_language = any_language
        kwargs.setdefault(
            "widget",
            MultilingualWidget(
                multiline=multiline, max_length=max_length, any_language=any_language
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value if isinstance(value, dict) else {}

    def clean(self, value) -> MultilingualText:
        self.widget.invalid_languages = set()
        try:
            return clean_texts(
                value,
                required=self.required,
                max_length=self.max_length,
                any_language=self.any_language,
            )
        except ValidationError as error:
            self.widget.invalid_languages = {
                e.params["code"] for e in error.error_list if e.params and e.params.get("code")
            }
            raise

    def has_changed(self, initial, data) -> bool:
        if self.disabled:
            return False

        def texts(value) -> dict:
            value = value if isinstance(value, dict) else {}
            return {code: str(text).strip() for code, text in value.items() if str(text).strip()}

        return texts(initial) != texts(data)
