"""How the API refuses: the documented error answers, and text PostgreSQL cannot store.

Every refusal is ``{"detail": "…"}``: a sentence, or for 422 either a sentence or
django-ninja's list of the fields that failed validation. Operations declare the
refusals they give with ``response={200: Out, **errors(401, 403, 404, 422)}``.
"""

from collections.abc import Iterator
from functools import wraps
from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError
from pydantic import BaseModel


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class InvalidOut(Schema):
    """422: what was wrong, as a sentence or field by field."""

    detail: str | list[FieldErrorOut]


def errors(*codes: int) -> dict[int, type[Schema]]:
    """The refusals an operation documents, for its ``response={…}``.

    401: no or an unknown token; 403: the token's roles do not allow it; 400: a body
    that is not JSON; 404: no such object (or not one the user may see); 409: the
    object's state forbids it; 422: invalid input; 429: too many attempts at a public
    operation (the limits of the public forms).
    """
    return {code: InvalidOut if code == 422 else ErrorOut for code in codes}


def refuse_nul(view):
    """Refuse a NUL character anywhere in the input with a 422 (PostgreSQL cannot store it
    in text or JSON); applied to every operation, after django-ninja's own validation."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        problems = [
            {
                "type": "string_nul",
                "loc": [name, *path],
                "msg": _("Text may not contain the NUL character."),
            }
            for name, value in kwargs.items()
            for path in _nul_paths(value)
        ]
        if problems:
            raise ValidationError(problems)
        return view(request, *args, **kwargs)

    return checked


def _nul_paths(value: Any, path: tuple = ()) -> Iterator[list]:
    if isinstance(value, str):
        if "\x00" in value:
            yield list(path)
    elif isinstance(value, BaseModel):
        yield from _nul_paths(value.model_dump(), path)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and "\x00" in key:
                yield [*path, key]
            yield from _nul_paths(item, (*path, key))
    elif isinstance(value, list | tuple | set):
        for index, item in enumerate(value):
            yield from _nul_paths(item, (*path, index))
