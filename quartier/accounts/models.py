import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class OrganisationKind(models.TextChoices):
    PUBLIC_BODY = "public", _("Public body")
    PROVIDER = "provider", _("Education and training provider")
    COUNSELLING = "counselling", _("Counselling centre")
    PROJECT_OFFICE = "project", _("Project office")
    BUSINESS = "business", _("Business")


class Organisation(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    BUSINESS_ADVISOR = "advisor", _("Business advisor")
    LEARNING_COORDINATOR = "coordinator", _("Learning coordinator")
    PROJECT_LEAD = "lead", _("Project lead")
    REPORTING_VIEWER = "viewer", _("Reporting viewer")
    ADMINISTRATOR = "admin", _("Administrator")
    EMPLOYER = "employer", _("Employer")
    RESIDENT = "resident", _("Resident")


# Roles whose holders work for the programme and may protect their login with
# a second factor; residents and employers may too, but are not asked to.
STAFF_ROLES = frozenset(
    {
        Role.COUNSELLOR,
        Role.BUSINESS_ADVISOR,
        Role.LEARNING_COORDINATOR,
        Role.PROJECT_LEAD,
        Role.REPORTING_VIEWER,
        Role.ADMINISTRATOR,
    }
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        # E-mail addresses are stored in lower case; logins are case-insensitive.
        return self.get(email=(username or "").strip().lower())


class User(AbstractBaseUser, PermissionsMixin):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("operator"),
        default=False,
        help_text=_("May use the technical administration (Django admin)."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class Membership(models.Model):
    """A user's role in an organisation. One user may hold several."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the token is shown once."""

    PREFIX = "qt_"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_raw_token(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditQuerySet(models.QuerySet):
    """Audit entries are written once and never changed or removed by the application."""

    def update(self, **kwargs):
        raise PermissionError("Audit entries cannot be changed.")

    def delete(self):
        raise PermissionError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what to which record, when. Holds references, never the personal data itself."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    code = models.CharField(_("action"), max_length=100)
    subject_type = models.CharField(_("record type"), max_length=100, blank=True)
    subject_id = models.CharField(_("record"), max_length=64, blank=True)
    # The reference number of the person the record belongs to (a participant's public
    # id), so that the person's export lists every access to anything of theirs.
    person = models.CharField(_("person (reference number)"), max_length=36, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = ScopedManager(
        organisation="organisation",
        _manager_class=models.Manager.from_queryset(AuditQuerySet),
    )

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The audit page lists an organisation's entries newest first.
            models.Index(fields=["organisation", "-created_at"], name="audit_org_time"),
            # "Everything that happened to this record", filtered by person.
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject"),
            # Everything about one person: their export, the audit page's person filter.
            models.Index(fields=["person", "created_at"], name="audit_person"),
            # The audit page's person filter: one person's entries in the organisations
            # the lead leads, newest first (the scope and the filter together).
            models.Index(
                fields=["organisation", "person", "-created_at"], name="audit_org_person_time"
            ),
            # The audit page's "who" filter: one member's actions, newest first.
            models.Index(
                fields=["organisation", "actor", "-created_at"], name="audit_org_actor_time"
            ),
            # The audit page's action filter, ``code LIKE 'people.%'`` in an organisation:
            # a range of this index (the pattern operator class lets PostgreSQL use it for
            # a prefix whatever the database's collation). A rare action is found without
            # walking the organisation's whole history; SQLite ignores operator classes.
            models.Index(
                fields=["organisation", "code", "-created_at"],
                opclasses=["int8_ops", "varchar_pattern_ops", "timestamptz_ops"],
                name="audit_org_code_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.code}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted.")
