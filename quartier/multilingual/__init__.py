"""Multilingual content: one model field, form field and widget for ``{language code: text}``."""
