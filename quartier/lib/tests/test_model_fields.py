import pytest

from quartier.lib.model_fields import max_length, model_field
from quartier.places.models import ContactPoint


def test_a_declared_field_is_found_by_name():
    field = model_field(ContactPoint, "street")
    assert field.name == "street"
    assert field.clean("  Hauptstraße 1", None) == "  Hauptstraße 1"


def test_a_reverse_relation_is_not_a_field():
    with pytest.raises(TypeError, match="opening_hours is a reverse relation"):
        model_field(ContactPoint, "opening_hours")


def test_max_length_of_a_text_field():
    assert max_length(ContactPoint, "street") == 200


def test_a_field_without_max_length_is_refused():
    with pytest.raises(TypeError, match="organisation has no maximum length"):
        max_length(ContactPoint, "organisation")
