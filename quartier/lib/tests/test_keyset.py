import pytest
from django.core import signing
from django.db.models import F, Value
from django.db.models.functions import NullIf
from django.test.utils import override_settings
from django.utils import translation

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.lib.keyset import keyset_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    """23 organisations: names repeat (three of each), half have no e-mail."""
    return [
        Organisation.objects.create(
            slug=f"org-{number:02}",
            name=f"Name {number % 8}",
            kind=OrganisationKind.PROVIDER,
            email=f"{number % 5}@example.org" if number % 2 else "",
        )
        for number in range(23)
    ]


def walk(queryset, per_page):
    """Every page forward, then back from the last one: the rows' slugs per page."""
    page = keyset_page(queryset, None, per_page=per_page)
    forward = [[row.slug for row in page]]
    numbers = [page.number]
    while page.has_next:
        page = keyset_page(queryset, page.next_cursor, per_page=per_page)
        forward.append([row.slug for row in page])
        numbers.append(page.number)
    backward = [forward[-1]]
    while page.has_previous:
        page = keyset_page(queryset, page.previous_cursor, per_page=per_page)
        backward.append([row.slug for row in page])
        numbers.append(page.number)
    assert page.is_first
    return forward, backward, numbers


ORDERS = [
    ("name", "pk"),
    ("-name", "-pk"),
    ("name", "-slug", "pk"),
    ("-name", "pk"),
]


@pytest.mark.parametrize("order", ORDERS)
def test_pages_forward_and_back_show_every_row_once_in_order(organisations, order):
    queryset = Organisation.objects.order_by(*order)
    expected = [organisation.slug for organisation in queryset]
    forward, backward, numbers = walk(queryset, per_page=4)
    assert [slug for page in forward for slug in page] == expected
    assert backward == list(reversed(forward))
    assert numbers == [1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]


@pytest.mark.parametrize("nulls", ["first", "last"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_nullable_column_pages_with_its_nulls_where_the_order_puts_them(
    organisations, nulls, descending
):
    email = F("no_email_is_null")
    order = email.desc if descending else email.asc
    queryset = Organisation.objects.annotate(no_email_is_null=NullIf("email", Value(""))).order_by(
        order(**{f"nulls_{nulls}": True}), "slug", "pk"
    )
    expected = [organisation.slug for organisation in queryset]
    forward, backward, _ = walk(queryset, per_page=5)
    assert [slug for page in forward for slug in page] == expected
    assert backward == list(reversed(forward))


def test_a_changed_or_foreign_cursor_shows_the_first_page(organisations):
    queryset = Organisation.objects.order_by("name", "pk")
    first = [row.slug for row in keyset_page(queryset, None, per_page=4)]
    cursor = keyset_page(queryset, None, per_page=4).next_cursor
    other_order = keyset_page(Organisation.objects.order_by("-name", "-pk"), None, per_page=4)
    unsigned = signing.dumps({"o": "x", "d": "n", "v": ["a", 1], "n": 2}, salt="other")
    for bad in ("nonsense", cursor[:-3] + "abc", cursor[5:], other_order.next_cursor, unsigned):
        page = keyset_page(queryset, bad, per_page=4)
        assert [row.slug for row in page] == first
        assert page.is_first


def test_an_order_without_the_primary_key_last_is_refused(organisations):
    with pytest.raises(ValueError, match="primary key"):
        keyset_page(Organisation.objects.order_by("name"), None, per_page=4)


def test_the_count_stops_at_the_cap(organisations):
    queryset = Organisation.objects.order_by("name", "pk")
    page = keyset_page(queryset, None, per_page=4, cap=10)
    assert (page.count, page.capped, page.num_pages) == (10, True, None)
    page = keyset_page(queryset, None, per_page=4, cap=23)
    assert (page.count, page.capped, page.num_pages) == (23, False, 6)
    with override_settings(KEYSET_COUNT_CAP=5):
        assert keyset_page(queryset, None, per_page=4).capped


def test_the_capped_count_is_written_with_the_languages_grouping(organisations):
    page = keyset_page(Organisation.objects.order_by("name", "pk"), None, per_page=4, cap=12000)
    page.capped, page.cap = True, 12000
    with translation.override("de"):
        assert page.count_display == "12.000"
    with translation.override("en"):
        assert page.count_display == "12,000"


def test_a_page_costs_two_queries_whatever_the_position(organisations, django_assert_num_queries):
    queryset = Organisation.objects.order_by("name", "pk")
    cursor = keyset_page(queryset, None, per_page=4).next_cursor
    # 1 the page (one row more than shown), 2 the bounded count
    with django_assert_num_queries(2):
        keyset_page(queryset, None, per_page=4)
    with django_assert_num_queries(2):
        keyset_page(queryset, cursor, per_page=4)
