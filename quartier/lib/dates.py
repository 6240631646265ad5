"""Dates in words, in the active language."""

from django.utils.translation import pgettext

# Django has no Kurmanji locale, so month names come from our own catalogue too.
MONTHS = [
    None,
    lambda: pgettext("month", "January"),
    lambda: pgettext("month", "February"),
    lambda: pgettext("month", "March"),
    lambda: pgettext("month", "April"),
    lambda: pgettext("month", "May"),
    lambda: pgettext("month", "June"),
    lambda: pgettext("month", "July"),
    lambda: pgettext("month", "August"),
    lambda: pgettext("month", "September"),
    lambda: pgettext("month", "October"),
    lambda: pgettext("month", "November"),
    lambda: pgettext("month", "December"),
]
