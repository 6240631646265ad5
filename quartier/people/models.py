"""Participants of a programme project, their consent records and ESF+ entry data.

Everything here is personal data: every manager is scoped to the organisation
that holds the record (django-scopes), and every read and write is audited
through the services in this app (`intake.py`, `consent.py`).
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation

ENTRY_DATA_DEADLINE = timedelta(weeks=4)
LONG_TERM_UNEMPLOYED = timedelta(days=365)

# ISO 3166-1 codes of the EU member states; everybody else, and stateless
# people, count as third-country nationals for the ESF+ indicators.
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)


class Project(models.Model):
    """A funded programme project; participants are counted per project."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    retention_until = models.DateField(
        _("keep monitoring data until"),
        help_text=_("After this date, monitoring data is anonymised; aggregates are kept."),
    )
    # Who reads the project's figures follows from it (``reporting.scope``): a reporting
    # viewer of one of these organisations sees the aggregates of all of them.
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="projects",
        verbose_name=_("organisations taking part"),
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")),
                name="project_starts_before_it_ends",
            ),
            models.CheckConstraint(
                condition=models.Q(retention_until__gte=models.F("ends_on")),
                name="project_retention_after_end",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    WOMAN = "w", _("Woman")
    MAN = "m", _("Man")
    NON_BINARY = "d", _("Non-binary")
    NO_ANSWER = "x", _("No answer")


class ContactChannel(models.TextChoices):
    IN_PERSON = "person", _("In person")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    MESSENGER = "messenger", _("Messenger")
    POST = "post", _("Letter")


class Participant(models.Model):
    """One person in one project, held by one organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="participants", verbose_name=_("project")
    )
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150)
    name_latin = models.CharField(
        _("name in Latin letters"),
        max_length=300,
        blank=True,
        help_text=_("As written in Latin letters, if the name is in another script."),
    )
    # Case- and accent-free, transliterated: what the search matches against.
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, default=Gender.NO_ANSWER
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_channel = models.CharField(
        _("preferred contact"),
        max_length=10,
        choices=ContactChannel.choices,
        default=ContactChannel.IN_PERSON,
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    quarter = models.ForeignKey(
        "places.Quarter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("quarter"),
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, default="de")
    citizenships = models.JSONField(
        _("citizenships"),
        default=list,
        blank=True,
        help_text=_("Country codes; XX for stateless."),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Set when the person asks for erasure; see quartier.people.rights.request_erasure.
    erasure_requested_at = models.DateTimeField(_("erasure requested"), null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["family_name", "given_name"]
        indexes = [
            # "All participants of my organisation", alphabetically, paginated.
            models.Index(
                fields=["organisation", "family_name", "given_name"], name="participant_org_name"
            ),
            # The list's count (``keyset.bounded_count``: up to 10 001 people of the
            # organisation not anonymised), read from the index alone instead of the
            # table's first tens of thousands of rows.
            models.Index(
                fields=["organisation", "id"],
                condition=models.Q(anonymised_at=None),
                name="participant_org_current",
            ),
            # The duplicate check at intake: same birth date in the same organisation.
            models.Index(fields=["organisation", "date_of_birth"], name="participant_org_birth"),
            # The list filtered by preferred language, alphabetically (people/filters.py).
            models.Index(
                fields=["organisation", "preferred_language", "family_name", "given_name"],
                name="participant_org_language",
            ),
            # The list filtered by quarter, alphabetically (people/filters.py).
            models.Index(
                fields=["organisation", "quarter", "family_name", "given_name"],
                name="participant_org_quarter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def is_third_country_national(self) -> bool | None:
        """No EU citizenship (stateless people, recorded as XX, count as third-country
        nationals); None while no citizenship is recorded: not an answer, as in ESF+
        indicator EECO13 and the funder's file."""
        codes = {code.upper() for code in self.citizenships}
        if not codes:
            return None
        return not codes & EU_COUNTRIES


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed")
    INACTIVE = "inactive", _("Inactive (not in work, not looking)")
    EMPLOYED = "employed", _("Employed, including self-employed")


class Registration(models.TextChoices):
    JOBCENTER = "jobcenter", _("Registered with the Jobcenter")
    AGENTUR = "agentur", _("Registered with the Agentur für Arbeit")
    NONE = "none", _("Not registered")


class Isced(models.TextChoices):
    LOW = "0-2", _("ISCED 0–2: up to lower secondary")
    MEDIUM = "3-4", _("ISCED 3–4: upper secondary or post-secondary")
    HIGH = "5-8", _("ISCED 5–8: tertiary")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NO_ANSWER = "x", _("No answer")


class EntryData(models.Model):
    """ESF+ common output indicators' data as of the day of entry.

    Regulation (EU) 2021/1057, Annex I.
    """

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="entry", verbose_name=_("participant")
    )
    entry_date = models.DateField(_("date of entry"))
    employment_status = models.CharField(
        _("labour-market status"), max_length=12, choices=EmploymentStatus.choices, blank=True
    )
    registration = models.CharField(
        _("registered as unemployed"), max_length=10, choices=Registration.choices, blank=True
    )
    unemployed_since = models.DateField(_("unemployed since"), null=True, blank=True)
    isced = models.CharField(
        _("highest education (ISCED)"), max_length=3, choices=Isced.choices, blank=True
    )
    foreign_background = models.CharField(
        _("foreign background"), max_length=3, choices=Answer.choices, default=Answer.NO_ANSWER
    )
    # Special categories (Art. 9 GDPR): optional, always with "no answer".
    disability = models.CharField(
        _("disability"), max_length=3, choices=Answer.choices, default=Answer.NO_ANSWER
    )
    minority = models.CharField(
        _("minority"), max_length=3, choices=Answer.choices, default=Answer.NO_ANSWER
    )
    housing_exclusion = models.CharField(
        _("homelessness or housing exclusion"),
        max_length=3,
        choices=Answer.choices,
        default=Answer.NO_ANSWER,
    )
    # When the mandatory fields were last completed (``entry.change_entry_data`` keeps
    # it): the moment the person began to count, shown on the timeline.
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = ScopedManager(organisation="participant__organisation")

    class Meta:
        verbose_name = _("ESF+ entry data")
        verbose_name_plural = _("ESF+ entry data")
        indexes = [
            # The list's "Incomplete" and "Overdue" filters (people/filters.py): the few
            # people whose entry data is still open, by entry date. Mirrors
            # ``people.entry.COMPLETE``; the rest of the table is not in the index.
            models.Index(
                fields=["entry_date", "participant"],
                condition=models.Q(employment_status="")
                | models.Q(isced="")
                | models.Q(employment_status="unemployed", unemployed_since=None),
                name="entrydata_open",
            ),
            # Reporting, the ESF+ outputs and the new participants by month
            # (reporting.esf.output_counts, reporting.dashboard.trend_table): the people
            # who entered in a period.
            models.Index(fields=["entry_date", "participant"], name="entrydata_entry_date"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.entry_date})"

    @property
    def deadline(self) -> date:
        return self.entry_date + ENTRY_DATA_DEADLINE

    @property
    def missing_fields(self) -> list[str]:
        """The mandatory fields still open; the person counts as a participant when none are."""
        missing = []
        if not self.employment_status:
            missing.append("employment_status")
        if self.employment_status == EmploymentStatus.UNEMPLOYED and not self.unemployed_since:
            missing.append("unemployed_since")
        if not self.isced:
            missing.append("isced")
        return missing

    @property
    def is_complete(self) -> bool:
        return not self.missing_fields

    @property
    def is_long_term_unemployed(self) -> bool:
        return (
            self.employment_status == EmploymentStatus.UNEMPLOYED
            and self.unemployed_since is not None
            and self.entry_date - self.unemployed_since > LONG_TERM_UNEMPLOYED
        )


class Purpose(models.TextChoices):
    ESF_NOTICE = "esf_notice", _("ESF monitoring notice (information, legal obligation)")
    COUNSELLING = "counselling", _("Counselling record")
    EMPLOYER_PROFILE = "employer_profile", _("Share my profile with employers")
    HANDOVER = "handover", _("Pass my case to another organisation")
    PHOTOS = "photos", _("Photos at events")
    CONTACT_EMAIL = "contact_email", _("Contact by e-mail")
    CONTACT_SMS = "contact_sms", _("Contact by SMS")
    CONTACT_MESSENGER = "contact_messenger", _("Contact by messenger")
    SURVEYS = "surveys", _("Surveys")


# Purposes that rest on a legal obligation: recorded as information given, not consent.
INFORMATION_ONLY = frozenset({Purpose.ESF_NOTICE})


class Consent(models.Model):
    """A consent (or an information notice) as given, in which wording and language."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("participant"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    wording_version = models.CharField(_("wording version"), max_length=20)
    language = models.CharField(_("language"), max_length=10)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Another organisation the consent names, e.g. the one a case is passed to.
    recipient = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient"),
    )

    objects = ScopedManager(organisation="participant__organisation")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            # At most one live consent per purpose (and recipient): "has consent" is
            # one lookup. Two constraints, since NULL recipients never clash in SQL.
            models.UniqueConstraint(
                fields=["participant", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True, recipient__isnull=True),
                name="consent_one_live_per_purpose",
            ),
            models.UniqueConstraint(
                fields=["participant", "purpose", "recipient"],
                condition=models.Q(withdrawn_at__isnull=True, recipient__isnull=False),
                name="consent_one_live_per_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.wording_version})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None

    @property
    def is_notice(self) -> bool:
        """An information notice: a record that the person was informed, never withdrawn."""
        return self.purpose in INFORMATION_ONLY


class ShortContact(models.Model):
    """A contact counted without intake: information at an event, a short question."""

    class Kind(models.TextChoices):
        EVENT = "event", _("Information at an event")
        QUESTION = "question", _("Short question")
        OUTREACH = "outreach", _("Outreach")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="+", verbose_name=_("project")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10, default="de")
    people = models.PositiveIntegerField(_("number of people"), default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("short contact")
        verbose_name_plural = _("short contacts")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people__gte=1), name="shortcontact_people_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
