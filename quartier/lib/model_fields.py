"""Typed access to a model's own fields by name."""

from typing import Any

from django.db import models


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """The field ``name`` declared on ``model`` (not a reverse relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is a reverse relation, not a field.")
    return field


def max_length(model: type[models.Model], name: str) -> int:
    """The ``max_length`` of the text field ``name`` of ``model``."""
    length = model_field(model, name).max_length
    if length is None:
        raise TypeError(f"{model.__name__}.{name} has no maximum length.")
    return length
