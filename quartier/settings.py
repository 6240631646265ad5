"""Quartier settings: read from the environment only.

Every setting a deployment may change is an environment variable, documented in
README.md and `.env.example`. Secrets may also be given as a file through the
`*_FILE` variant (for container secrets). Nothing here names a city: places,
organisations and opening hours come from a site pack (see `places/sitepack.py`).
"""

import json
import os
import re
from pathlib import Path

import dj_database_url
from django.conf import locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    """Return the variable, or the contents of the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE names {file_name}, which cannot be read ({error.strerror}): "
                f"make the file or set {name} instead."
            ) from None
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_json_object(name: str) -> dict:
    """A JSON object (``{}`` when the variable is unset), for a storage class's options."""
    value = env_str(name).strip()
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON object ({error})") from None
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {value!r}")
    return parsed


def env_rate(name: str, default: str) -> str:
    """A rate as django-ratelimit reads it: "5/m" is five a minute (s, m, h or d)."""
    value = env_str(name, default).strip()
    if not re.fullmatch(r"\d+/\d*[smhd]", value):
        raise ImproperlyConfigured(f"{name} must be a count per period like 5/m, not {value!r}")
    return value


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off. "
            "The README explains how to make one."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

VAR_DIR = Path(env_str("VAR_DIR", str(PROJECT_DIR / "var")))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The admin asks operators for their second factor (accounts/second_factor.py).
    "quartier.accounts.admin_site.QuartierAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's form templates, found by FORM_RENDERER below.
    "django.forms",
    "axes",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "quartier.accounts",
    "quartier.multilingual",
    "quartier.places",
    "django_tasks",
    "django_tasks_db",
    "quartier.people",
    "quartier.imports",
    "quartier.downloads",
    "quartier.counselling",
    "quartier.esco",
    "quartier.competences",
    "quartier.learning",
    "quartier.economy",
    "quartier.reporting",
    "quartier.matching",
    "quartier.site",
    # The demo builders and `quartier demo`; no product app imports it.
    "quartier.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # request.htmx: a request HTMX made (HX-Request), answered with a fragment.
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "quartier.accounts.middleware.AccessMiddleware",
    # AxesMiddleware last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "quartier.urls"
WSGI_APPLICATION = "quartier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quartier.accounts.context_processors.navigation",
                "quartier.site.context_processors.languages",
            ],
        },
    },
]

# Forms render through the project's templates, so that templates/django/forms/ lays
# out every field the same way (help and errors under the control, checkboxes before
# their label) and names the empty choice of a drop-down.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quartier.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # Wait for the write lock instead of failing at once under concurrent requests.
        timeout=20,
        # Take the write lock when a transaction begins: a transaction that read first
        # and then wants to write cannot wait for another writer (SQLite answers
        # "database is locked" at once), as the registration for an offer does.
        transaction_mode="IMMEDIATE",
        # Readers do not wait for a writer, and a writer not for readers.
        init_command="PRAGMA journal_mode=WAL",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out account or address is refused before
    # the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "site:home"

# Login protection (django-axes): an account and, separately, an address are
# locked for LOGIN_LOCKOUT_MINUTES after LOGIN_LOCKOUT_ATTEMPTS failures.
AXES_FAILURE_LIMIT = env_int("LOGIN_LOCKOUT_ATTEMPTS", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# The lock lasts the configured time from the lockout; trying again does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "quartier.accounts.views.locked_out"
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_VERBOSE = False
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Quartier")
# Roles (and "operator" for /ops/admin/) that must sign in with a second factor before
# any staff page opens. `./run demo` sets it empty for the demo logins.
REQUIRE_2FA_ROLES = env_list("REQUIRE_2FA_ROLES", "operator,admin,lead")

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("vi", _("Vietnamese")),
    ("ar", _("Arabic")),
    ("kmr", _("Kurdish (Kurmanji)")),
    ("uk", _("Ukrainian")),
]
# Django has no Kurmanji locale. Kurmanji is written in Latin script, left to
# right; never map it to "ku", which some projects treat as right-to-left Sorani.
EXTRA_LANG_INFO = {
    "kmr": {
        "bidi": False,
        "code": "kmr",
        "name": "Kurdish (Kurmanji)",
        "name_local": "Kurmancî",
    },
}
locale.LANG_INFO.update(EXTRA_LANG_INFO)
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Several web servers either each collect the static files (same release, same files) or
# share one directory; set STATIC_ROOT to it.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Private files (passports, prepared downloads). Every web server and task worker must
    # see the same files: a shared mount as PRIVATE_ROOT, or another storage class (for
    # example an S3 bucket through django-storages) with its options as JSON.
    "default": {
        "BACKEND": env_str("FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json_object("FILE_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = Path(env_str("PRIVATE_ROOT", str(VAR_DIR / "private")))  # never served directly
# Evidence documents of qualifications: outside the web root, served only by a checked view.
EVIDENCE_ROOT = Path(env_str("EVIDENCE_ROOT", str(VAR_DIR / "evidence")))
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 10) * 1024 * 1024

# Appointments at the contact points: length of a bookable slot, and how long residents'
# names and contact details are kept after their appointment.
APPOINTMENT_SLOT_MINUTES = env_int("APPOINTMENT_SLOT_MINUTES", 30)
APPOINTMENT_RETENTION_DAYS = env_int("APPOINTMENT_RETENTION_DAYS", 90)

# Reporting's disclosure control: counts from 1 up to this number minus one are hidden on
# every dashboard, export and API answer (3: counts of 1 and 2), and as many further cells
# as needed so that none of them can be worked out from the totals.
REPORTING_MIN_COUNT = env_int("REPORTING_MIN_COUNT", 3)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Quartier <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS hardening: on by default whenever DEBUG is off. The local demo turns it
# off, since it serves plain HTTP on 127.0.0.1.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 10) * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles, images and fonts only from
# this site (its static files), never inline. The QR codes are inline <svg> elements, which
# need nothing here. The one exception, the API docs page, is in quartier/urls.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

NINJA_PAGINATION_PER_PAGE = 50

# Background work (PDFs, imports, exports, retention): a task queue kept in the
# database, so one machine needs no extra server. Run workers with
# `quartier db_worker`; they scale out across machines on PostgreSQL.
TASKS = {"default": {"BACKEND": env_str("TASK_BACKEND", "django_tasks_db.backend.DatabaseBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": env_str("LOG_LEVEL_AXES", "ERROR")}},
}

# The site pack loaded by `quartier demo` when none is named.
DEFAULT_SITE_PACK = Path(env_str("SITE_PACK", str(PROJECT_DIR / "sitepacks" / "leipzig-ost.toml")))

# Public forms (appointments, offer registration, password reset, passport check):
# attempts per client address and per typed e-mail address, as "count/period"
# (django-ratelimit), and at most so many mails a day to an address nobody has
# confirmed. The counts live in the database cache, which every server process
# shares; `quartier migrate` creates its table (quartier/database.py).
PUBLIC_FORM_RATE_PER_IP = env_rate("PUBLIC_FORM_RATE_PER_IP", "5/m")
PUBLIC_FORM_RATE_PER_EMAIL = env_rate("PUBLIC_FORM_RATE_PER_EMAIL", "5/h")
UNCONFIRMED_MAILS_PER_DAY = env_int("UNCONFIRMED_MAILS_PER_DAY", 3)
CACHES = {
    "default": {
        "BACKEND": "quartier.database.DatabaseCache",
        "LOCATION": "quartier_cache",  # the table of migration accounts/0002_cache_table
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
    # Copies of public pages for visitors without a session (quartier/lib/page_cache.py):
    # in each server process, a few megabytes at most.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "quartier-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
# How long a public page is answered from its copy; 0 renders it for every request.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "quartier.lib.public_forms.client_ip"  # heeds PROXY_COUNT
# W001 says only that the backend is neither memcached nor Redis. E003, an increment
# that is not atomic, does not apply to quartier.database.DatabaseCache.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# The key of the funder's pseudonyms (quartier/reporting/funder.py): the same person has
# the same pseudonym in every export of a project as long as this key stays. Without it
# the key is derived from SECRET_KEY, so rotating that key would renumber everybody.
REPORTING_PSEUDONYM_KEY = env_str("REPORTING_PSEUDONYM_KEY")
