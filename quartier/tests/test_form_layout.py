"""Every form's fields are laid out by templates/django/forms/ (FORM_RENDERER)."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils import translation

COLOURS = [("red", "Red"), ("blue", "Blue")]


class ExampleForm(forms.Form):
    kind = forms.ChoiceField(choices=BLANK_CHOICE_DASH + COLOURS)
    shade = forms.ChoiceField(choices=BLANK_CHOICE_DASH + COLOURS, required=False)
    agreed = forms.BooleanField(label="Agreed", help_text="Tick when agreed.", required=False)
    colours = forms.MultipleChoiceField(choices=COLOURS, widget=forms.CheckboxSelectMultiple)
    name = forms.CharField(help_text="As on the letter.")


def field_html(name: str, data=None) -> str:
    form = ExampleForm(data)
    return str(form[name].as_field_group())


def test_the_empty_choice_says_what_it_means_in_the_user_s_language():
    with translation.override("de"):
        assert ">Bitte wählen …</option>" in field_html("kind")
        assert ">Keine Angabe</option>" in field_html("shade")
    with translation.override("ar"):
        assert ">اختر …</option>" in field_html("kind")
    assert "---------" not in field_html("kind") + field_html("shade")


def test_a_checkbox_comes_before_its_label_and_help_after_it():
    html = field_html("agreed")
    assert html.index('type="checkbox"') < html.index('<label for="id_agreed">Agreed</label>')
    assert html.index("<label") < html.index('class="helptext"')


def test_help_and_errors_come_under_the_control():
    html = field_html("name", data={})
    control = html.index("<input")
    assert control < html.index('class="helptext"')
    assert control < html.index('class="errorlist"')


def test_choices_are_a_fieldset_with_the_question_as_legend():
    html = field_html("colours")
    assert html.lstrip().startswith("<fieldset")
    assert "<legend>Colours:</legend>" in html
    assert html.count('type="checkbox"') == 2
