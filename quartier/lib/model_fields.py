"""Typed access to a model's own fields by name, and a list-of-ids field."""

import json
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


class IdArrayField(models.Field):
    """A sorted list of ids: ``integer[]`` on PostgreSQL, a JSON list on other databases.

    On PostgreSQL the column takes a GIN index and answers the built-in array operators
    (``&&`` overlap, ``@>`` contains, ``<@`` contained in) from it, which is what set
    lookups over millions of rows need; SQLite keeps the same list as text, for code
    that reads it in Python. The value is always a sorted list of distinct ints.
    """

    description = "A list of ids"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str:
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection) -> list[int]:
        if value is None:
            return []
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    def to_python(self, value) -> list[int]:
        if value is None:
            return []
        if isinstance(value, str):
            value = json.loads(value)
        return sorted({int(item) for item in value})

    def get_prep_value(self, value) -> list[int]:
        return self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared: bool = False):
        ids = value if prepared else self.get_prep_value(value)
        return ids if connection.vendor == "postgresql" else json.dumps(ids)
