"""Form widgets shared by every app's forms."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date field: ``type="date"`` wants the value as ISO ``YYYY-MM-DD``,
    whatever the language's date format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
