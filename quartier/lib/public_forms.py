"""What every public form does against abuse: limits, a honeypot, a daily mail cap.

Anybody may fill in the public forms (booking an appointment, asking for one,
registering for an offer, the password reset, checking a passport), and a script
may do so a thousand times: to fill the calendars, to guess codes, or to have us
send mail to a stranger's address. Three defences, each defined here once:

- Limits per client address and per typed e-mail address (django-ratelimit, counted
  in the database cache that every server process shares; rates in settings). A
  view declares ``@limit_public_form(group)`` on a visible line under its ``@allow``;
  over a limit ``request.limited`` is true, and the view shows the form again with
  ``TOO_MANY`` and status 429, saving and sending nothing. Every attempt counts,
  valid or not: a script that only ever gets the form back must not try forever.
  A public API operation that does what a form does counts against the form's
  limits with ``@decorate_view(limit_public_api(group))``.
- A honeypot: the forms derive from ``HoneypotForm``, whose text field people do not
  see. A script that fills every field fails validation with ``CHECK_ENTRIES``, a
  message that does not say why.
- ``may_mail_unconfirmed``: at most ``UNCONFIRMED_MAILS_PER_DAY`` first answers a day
  to an address nobody has confirmed, so the forms cannot fill someone's inbox.
"""

import ipaddress
import json
import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import wraps

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

TOO_MANY = _("Too many attempts. Please wait a little and try again.")
CHECK_ENTRIES = _("Please check your entries and send the form again.")
HONEYPOT_FIELD = "website"
STATUS_TOO_MANY = 429


def client_ip(request: HttpRequest) -> str:
    """The client's address, for the limits (settings.RATELIMIT_IP_META_KEY).

    Behind ``PROXY_COUNT`` reverse proxies, REMOTE_ADDR is the nearest proxy's, the
    same for everybody; the client's is then the entry of X-Forwarded-For that the
    outermost proxy added, counted from the right, where no client can forge it.
    """
    candidates = [request.META.get("REMOTE_ADDR", "")]
    proxies = settings.AXES_IPWARE_PROXY_COUNT  # PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if proxies and len(forwarded) >= proxies:
        candidates.insert(0, forwarded[-proxies].strip())
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    raise ImproperlyConfigured("The request names no client address: check PROXY_COUNT.")


def typed_email(request: HttpRequest, field: str) -> str:
    """The e-mail address of the POST, as the services store it: stripped, lower case."""
    return request.POST.get(field, "").strip().lower()


def is_over_limit(request: HttpRequest, group: str, email_field: str | None) -> bool:
    """Count this request against the address's and the typed e-mail address's limits."""
    address = typed_email(request, email_field) if email_field else ""
    return counts_over_limit(request, group, address)


def counts_over_limit(request: HttpRequest, group: str, address: str) -> bool:
    """Count this request against the client address's limit and ``address``'s (if any).

    Both are counted, even when the first is already over: a script that changes
    addresses still uses up the e-mail address's attempts, and the other way round.
    """
    over = is_ratelimited(
        request, group=group, key="ip", rate=settings.PUBLIC_FORM_RATE_PER_IP, increment=True
    )
    if address:  # without one (a phone number only), the address's limit is the one
        over |= is_ratelimited(
            request,
            group=group,
            key=lambda _group, _request: address,  # stored only as part of a SHA-256 key
            rate=settings.PUBLIC_FORM_RATE_PER_EMAIL,
            increment=True,
        )
    return over


def limit_public_form(
    group: str, *, email_field: str | None = "email", methods: Iterable[str] = ("POST",)
) -> Callable:
    """Declare a public view's limits: per client address, and per typed e-mail address.

    ``group`` names the form in the counters; ``email_field`` is the POST field with
    the address (None for forms without one). Sets ``request.limited`` for the view.
    """
    counted = frozenset(methods)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            limited = request.method in counted and is_over_limit(request, group, email_field)
            request.limited = limited  # type: ignore[attr-defined]  # read by the view
            if limited:
                logger.warning("Too many attempts at the public form %s", group)
            return view(request, *args, **kwargs)

        wrapper.public_form_limits = group  # type: ignore[attr-defined]
        return wrapper

    return decorator


def limit_public_api(
    group: str, *, email_field: str = "email", languages: Callable[[], Iterable[str]] = tuple
) -> Callable:
    """The limits of a public form for a public API operation that does the same.

    For ``@decorate_view(...)`` under the operation: it wraps the whole call, so every
    call counts, before the body is even validated. ``email_field`` names the JSON
    body's address field. Over a limit the answer is 429 ``{"detail": TOO_MANY}``, in
    the body's ``language`` if ``languages()`` holds it, else in German.
    """

    def decorator(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(run)
        def counted(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            body = _json_object(request)
            address = str(body.get(email_field) or "").strip().lower()
            if not counts_over_limit(request, group, address):
                return run(request, *args, **kwargs)
            logger.warning("Too many attempts at the public form %s (API)", group)
            language = body.get("language")
            known = isinstance(language, str) and language in languages()
            with translation.override(language if known else "de"):
                return JsonResponse({"detail": str(TOO_MANY)}, status=STATUS_TOO_MANY)

        return counted

    return decorator


def _json_object(request: HttpRequest) -> dict:
    """The request's JSON body if it is an object, else nothing (validation comes later)."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class HoneypotInput(forms.TextInput):
    """A text input that people do not see: hidden by the stylesheet, out of the tab
    order, hidden from screen readers (whose users its label asks to leave it empty
    anyway). It counts as a hidden field, so forms render it without a row of its own,
    and it is always shown empty."""

    template_name = "site/widgets/honeypot.html"
    is_hidden = True

    def __init__(self) -> None:
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})

    def format_value(self, value) -> None:
        return None


class HoneypotForm(forms.Form):
    """The base of every public form: adds the honeypot field and refuses it filled in.

    The field is not in ``cleaned_data``, which holds only what the services take.
    """

    website = forms.CharField(
        label=_("Please leave this field empty."), required=False, widget=HoneypotInput()
    )

    def clean(self):
        data = super().clean() or {}
        if data.pop(HONEYPOT_FIELD, ""):
            logger.info("Honeypot filled in on %s", type(self).__name__)
            raise forms.ValidationError(CHECK_ENTRIES, code="honeypot")
        return data


def may_mail_unconfirmed(address: str) -> bool:
    """Count a first answer to an address nobody has confirmed; False once today's are used.

    Counted per calendar day of the site's time zone in the shared cache, under a keyed
    hash of the address (never the address itself). The caller skips the mail on False.
    """
    digest = salted_hmac("quartier.unconfirmed-mails", address.strip().lower()).hexdigest()
    key = f"unconfirmed-mails:{timezone.localdate().isoformat()}:{digest}"
    cache = caches[settings.RATELIMIT_USE_CACHE]
    # Kept two days, so the count outlives its day whatever the time zone.
    timeout = int(timedelta(days=2).total_seconds())
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # gone between the two calls (expired or culled): start again
        cache.set(key, 1, timeout)
        count = 1
    return count <= settings.UNCONFIRMED_MAILS_PER_DAY
