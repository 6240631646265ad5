"""The defences of the public forms: which views are limited, the honeypot, the shared cache.

The forms themselves are tested with their apps (learning, accounts, competences).
"""

import contextlib
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connection, connections
from django.db.backends.utils import CursorWrapper
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from quartier.database import DatabaseCache
from quartier.lib.public_forms import (
    CHECK_ENTRIES,
    HoneypotForm,
    client_ip,
    is_over_limit,
    may_mail_unconfirmed,
)

NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# Public views that count attempts (the name given to @limit_public_form).
LIMITED = {
    "accounts:password-reset": "accounts.password-reset",
    "accounts:password-reset-confirm": "accounts.password-reset-confirm",
    "learning-public:offer": "learning.offer-register",
    "learning-public:offer-cancel": "learning.offer-cancel",
    "learning-public:appointment-book": "learning.appointment-book",
    "learning-public:appointment-request": "learning.appointment-request",
    "learning-public:appointment-cancel": "learning.appointment-manage",
    "learning-public:appointment-respond": "learning.appointment-manage",
    "competences-public:verify": "competences.passport-verify",
}
# Public views that do not, and why.
NOT_LIMITED = {
    "accounts:login": "django-axes locks the address and the account after failures",
    "accounts:login-otp": "after the password; OTP_MAX_TRIES per sign-in",
    "accounts:logout": "signs out the one who asks",
    "competences-public:verify-form": "only redirects to verify, which counts",
    **dict.fromkeys(
        (
            "site:home",
            "accounts:password-reset-done",
            "accounts:password-reset-complete",
            "learning-public:offers",
            "learning-public:offers-feed",
            "learning-public:offer-registration-ics",
            "learning-public:appointments",
            "learning-public:appointment-slots",
            "learning-public:appointment-manage",
            "learning-public:appointments-feed",
            "economy-public:directory",
            "economy-public:vacancy-list",
            "economy-public:vacancy-detail",
            "economy-public:premises",
            "brand-logo",
            "brand-favicon",
            "favicon-ico",
        ),
        "only reads",
    ),
}


def public_views(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_views(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            access = getattr(entry.callback, "access", None)
            if access is not None and access.public:
                yield f"{namespace}{entry.name}", entry.callback


def test_every_public_view_is_limited_or_says_why_not():
    views = dict(public_views())
    assert sorted(views.keys() - LIMITED.keys() - NOT_LIMITED.keys()) == [], (
        "Add @limit_public_form to the view, or the view to NOT_LIMITED with the reason"
    )
    limits = {name: getattr(views[name], "public_form_limits", None) for name in views}
    assert {name: group for name, group in limits.items() if group} == LIMITED


def test_the_honeypot_is_hidden_by_a_class_and_asks_to_be_left_empty():
    html = str(HoneypotForm()["website"])

    assert html.startswith('<div class="visually-hidden" aria-hidden="true">')
    assert '<label for="id_website">Please leave this field empty.</label>' in html
    assert '<input type="text" name="website" autocomplete="off" tabindex="-1"' in html
    assert "style=" not in html  # the Content-Security-Policy allows no inline styles


def test_the_honeypot_is_rendered_with_the_hidden_fields_and_always_empty():
    form = HoneypotForm({"website": "http://spam.example"})

    assert [field.name for field in form.hidden_fields()] == ["website"]
    assert form.visible_fields() == []
    assert "spam" not in str(form["website"])


def test_a_filled_honeypot_fails_like_any_invalid_form():
    form = HoneypotForm({"website": "http://spam.example"})

    assert not form.is_valid()
    assert form.non_field_errors() == [CHECK_ENTRIES]


def test_an_empty_honeypot_passes_and_is_not_in_the_cleaned_data():
    form = HoneypotForm({"website": ""})

    assert form.is_valid()
    assert form.cleaned_data == {}


@time_machine.travel(NOON, tick=False)  # the counts run in windows of the clock
def test_the_limits_count_per_address_and_per_normalised_email(rf, settings):
    settings.PUBLIC_FORM_RATE_PER_IP = "3/m"
    settings.PUBLIC_FORM_RATE_PER_EMAIL = "2/h"

    def attempt(address: str, email: str) -> bool:
        request = rf.post("/", {"email": email}, REMOTE_ADDR=address)
        return is_over_limit(request, "test", "email")

    assert not attempt("10.0.0.1", "Olga@Example.org")
    assert not attempt("10.0.0.2", " olga@example.org ")
    assert attempt("10.0.0.3", "olga@example.ORG")  # the e-mail's third, from anywhere
    # Without an e-mail address only the client's address counts: its second to fourth.
    assert [attempt("10.0.0.1", "") for _ in range(3)] == [False, False, True]
    assert not attempt("10.0.0.4", "")


def test_the_client_address_is_the_remote_address_without_proxies(rf):
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66")

    assert client_ip(request) == "10.0.0.1"


def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_added(rf, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    # The client sent its own X-Forwarded-For; the proxy appended the real address.
    request = rf.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66, 10.0.0.1")

    assert client_ip(request) == "10.0.0.1"
    garbled = rf.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="unknown")
    assert client_ip(garbled) == "127.0.0.1"


# -- The daily mail cap --------------------------------------------------------------


def test_an_address_gets_three_first_answers_a_day(settings):
    settings.UNCONFIRMED_MAILS_PER_DAY = 3
    with time_machine.travel(NOON, tick=False) as traveller:
        assert [may_mail_unconfirmed("olga@example.org") for _ in range(4)] == [
            True,
            True,
            True,
            False,
        ]
        assert may_mail_unconfirmed("ANNA@example.org ")
        traveller.shift(timedelta(days=1))
        assert may_mail_unconfirmed(" Olga@Example.org")


def test_the_cache_holds_no_address_in_clear():
    may_mail_unconfirmed("olga@example.org")

    assert not any("olga" in key for key in caches["default"]._cache)


# -- The database cache, in its table from the migration ---------------------------


@pytest.fixture
def database_cache(db) -> DatabaseCache:
    return DatabaseCache("quartier_cache", {})


def test_the_migration_made_the_cache_table_and_incr_counts_in_it(database_cache):
    assert database_cache.add("count", 0, 60)
    assert database_cache.incr("count") == 1
    assert database_cache.incr("count", 5) == 6
    assert database_cache.get("count") == 6


def test_incr_of_a_missing_or_expired_key_fails_as_django_documents(database_cache):
    with pytest.raises(ValueError):
        database_cache.incr("nothing")
    database_cache.set("old", 1, 60)
    later = timezone.now() + timedelta(minutes=2)
    with time_machine.travel(later), pytest.raises(ValueError):
        database_cache.incr("old")


@time_machine.travel(NOON, tick=False)
def test_a_form_limit_counts_in_the_database_cache(rf, settings, db):
    settings.CACHES = {
        "default": {"BACKEND": "quartier.database.DatabaseCache", "LOCATION": "quartier_cache"}
    }
    settings.PUBLIC_FORM_RATE_PER_IP = "2/m"
    request = rf.post("/", REMOTE_ADDR="10.0.0.7")

    assert [is_over_limit(request, "test", None) for _ in range(3)] == [False, False, True]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM quartier_cache")
        assert cursor.fetchone()[0] == 1


# -- Increments at the same moment (PostgreSQL) ------------------------------------
#
# Each thread has its own connection, and every thread that has read the value waits
# (up to a second) until all have read it. Django's own increment then lets all ten
# read 0 and write 1: the control. The project's cache makes them wait for the row's
# lock before reading, so they read one after the other and count to ten.

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises all writers, so nothing can race",
)
THREADS = 10


def increment_all_at_once(cache, monkeypatch) -> int:
    """``cache.incr("count")`` from THREADS threads at once; returns the count after."""
    cache.set("count", 0, 60)
    have_read = threading.Barrier(THREADS, timeout=1)
    execute = CursorWrapper.execute

    def execute_then_wait_for_the_others(self, sql, params=None):
        result = execute(self, sql, params)
        if sql.startswith("SELECT") and "quartier_cache" in sql:
            # Broken when the others never come: they are waiting for the lock.
            with contextlib.suppress(threading.BrokenBarrierError):
                have_read.wait()
        return result

    monkeypatch.setattr(CursorWrapper, "execute", execute_then_wait_for_the_others)
    errors: list[Exception] = []

    def one() -> None:
        try:
            cache.incr("count")
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    monkeypatch.undo()
    assert errors == []
    count = cache.get("count")
    cache.clear()  # the test database keeps this table's rows: it is no model's
    return count


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_ten_increments_at_once_count_ten(monkeypatch):
    cache = DatabaseCache("quartier_cache", {})

    assert increment_all_at_once(cache, monkeypatch) == THREADS


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_control_djangos_own_increment_loses_counts(monkeypatch):
    cache = DjangoDatabaseCache("quartier_cache", {})

    assert increment_all_at_once(cache, monkeypatch) == 1
