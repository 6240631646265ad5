"""Qualifications, languages, experience, skills and informal competences of a participant.

One ``CompetenceProfile`` per participant holds them all. Everything here is
personal data: managers are scoped to the organisation that holds the person,
and writes go through the services of this part (``services.py``,
``qualifications.py``, ``languages.py``, ``experience.py``, ``skills.py``,
``informal.py``, ``evidence.py``), which audit them and bump ``CompetenceProfile.version``.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation
from quartier.lib.model_fields import IdArrayField


class EvidenceStorage(FileSystemStorage):
    """Evidence documents, kept outside the web root under ``settings.EVIDENCE_ROOT``.

    There is no URL: files are served only by the permission-checked download view.
    The location is read from the settings on every use, so tests can move it.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self):  # type: ignore[override]
        return settings.EVIDENCE_ROOT

    @property
    def location(self):  # type: ignore[override]
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Evidence documents have no public URL.")


_EVIDENCE_STORAGE = EvidenceStorage()


def evidence_storage() -> EvidenceStorage:
    return _EVIDENCE_STORAGE


def evidence_file_name(instance, filename: str) -> str:
    """A random name: the person's file name is kept in a field, never on disk."""
    suffix = Path(filename).suffix.lower()
    return f"{uuid.uuid4().hex}{suffix}"


class CompetenceProfile(models.Model):
    """The competence balance of one participant; every part of it hangs from here."""

    participant = models.OneToOneField(
        "people.Participant",
        on_delete=models.CASCADE,
        related_name="competence_profile",
        verbose_name=_("participant"),
    )
    # The participant's organisation, copied at creation: scoping needs one join less.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    # Only for the pseudonymous employer view; never the participant's own id.
    public_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Goes up with every change to any part of the profile."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("A few sentences on the person's strengths and aims."),
    )
    # What the person is looking for, read by matching (availability and hours).
    hours_per_week = models.DecimalField(
        _("hours per week wanted"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Copies of the parts that matching selects by, kept by ``services.bump`` on every
    # change of a part (``services.matching_fields`` computes them): the ESCO skills
    # (listed and from informal competences), the occupations (listed, worked in, and
    # of qualifications) and each language's CEFR step (the lower of understanding and
    # speaking). The parts stay the record; these only let one indexed query find
    # the few profiles worth scoring among a million (GIN index on PostgreSQL).
    skill_ids = IdArrayField()
    occupation_ids = IdArrayField()
    language_steps = models.JSONField(default=dict, blank=True, editable=False)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("competence profile")
        verbose_name_plural = _("competence profiles")

    def __str__(self) -> str:
        return str(_("Competence profile {code}").format(code=str(self.public_code)[:8]))


class _Part(models.Model):
    """Fields every part of a profile has."""

    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ScopedManager(organisation="profile__organisation")

    class Meta:
        abstract = True

    @property
    def organisation(self):
        """The profile's organisation (queries the profile unless it is loaded)."""
        return self.profile.organisation


# -- Qualifications ------------------------------------------------------------


class IscedLevel(models.TextChoices):
    """ISCED 2011 levels of education."""

    EARLY = "0", _("0 – Early childhood education")
    PRIMARY = "1", _("1 – Primary education")
    LOWER_SECONDARY = "2", _("2 – Lower secondary education")
    UPPER_SECONDARY = "3", _("3 – Upper secondary education")
    POST_SECONDARY = "4", _("4 – Post-secondary non-tertiary education")
    SHORT_TERTIARY = "5", _("5 – Short-cycle tertiary education")
    BACHELOR = "6", _("6 – Bachelor's or equivalent")
    MASTER = "7", _("7 – Master's or equivalent")
    DOCTORAL = "8", _("8 – Doctoral or equivalent")


class RecognitionStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    NOT_STARTED = "not_started", pgettext_lazy("recognition", "Not started")
    ADVISED = "advised", pgettext_lazy("recognition", "Advised")
    APPLIED = "applied", pgettext_lazy("recognition", "Applied")
    PARTIAL = "partial", _("Partially recognised")
    FULL = "full", _("Fully recognised")
    REFUSED = "refused", pgettext_lazy("recognition", "Refused")


# Statuses that mean the competent body has decided.
RECOGNITION_DECIDED = frozenset(
    {RecognitionStatus.PARTIAL, RecognitionStatus.FULL, RecognitionStatus.REFUSED}
)


class ValidationStatus(models.TextChoices):
    """The validation procedure for people without papers (§ 50b BBiG)."""

    NOT_STARTED = "not_started", pgettext_lazy("validation", "Not started")
    ADVISED = "advised", pgettext_lazy("validation", "Advised")
    APPLIED = "applied", pgettext_lazy("validation", "Applied")
    IN_PROGRESS = "in_progress", pgettext_lazy("validation", "In progress")
    PARTIALLY_VALIDATED = "partially_validated", _("Partially validated")
    FULLY_VALIDATED = "fully_validated", _("Fully validated")
    REFUSED = "refused", pgettext_lazy("validation", "Refused")


class Qualification(_Part):
    """A degree or vocational qualification, its evidence and its recognition in Germany."""

    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="qualifications",
        verbose_name=_("profile"),
    )
    title_original = models.CharField(
        _("title as written"),
        max_length=300,
        help_text=_("As it stands on the certificate, in its own language and script."),
    )
    title_de = models.CharField(_("title in German"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    original_language = models.CharField(_("language of the certificate"), max_length=3, blank=True)
    isced_level = models.CharField(
        _("ISCED level"), max_length=1, choices=IscedLevel.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    field_of_study = models.CharField(_("field of study or trade"), max_length=200, blank=True)
    without_papers = models.BooleanField(
        _("without papers"),
        default=False,
        help_text=_("The person learned the trade but has no certificate to show."),
    )

    evidence = models.FileField(
        _("evidence document"),
        storage=evidence_storage,
        upload_to=evidence_file_name,
        blank=True,
        max_length=200,
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    evidence_type = models.CharField(_("file type"), max_length=50, blank=True)
    evidence_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)

    recognition_status = models.CharField(
        _("recognition"),
        max_length=12,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.NOT_STARTED,
    )
    competent_body = models.CharField(
        _("competent body"),
        max_length=200,
        blank=True,
        help_text=_("The chamber or authority that decides on the recognition."),
    )
    reference_occupation = models.ForeignKey(
        "esco.Concept",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("German reference occupation"),
    )
    reference_occupation_text = models.CharField(
        _("reference occupation (as named in the decision)"), max_length=200, blank=True
    )
    recognition_decided_on = models.DateField(_("decided on"), null=True, blank=True)

    validation_status = models.CharField(
        _("validation procedure"),
        max_length=20,
        choices=ValidationStatus.choices,
        default=ValidationStatus.NOT_STARTED,
        help_text=_("For people without papers: validation under § 50b BBiG."),
    )

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return self.title_de or self.title_original


# -- Languages -----------------------------------------------------------------


class Cefr(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("Native language")


class Certificate(models.TextChoices):
    NONE = "none", _("No certificate")
    TELC = "telc", "telc"
    GOETHE = "goethe", _("Goethe-Institut")
    DTZ = "dtz", _("DTZ (German test for immigrants)")
    TESTDAF = "testdaf", "TestDaF"
    OSD = "osd", "ÖSD"
    OTHER = "other", pgettext_lazy("certificate", "Other")


class LanguageSkill(_Part):
    """One language the person knows, with a CEFR level for each area."""

    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="languages",
        verbose_name=_("profile"),
    )
    language = models.CharField(_("language"), max_length=3)
    understanding = models.CharField(
        _("understanding"), max_length=6, choices=Cefr.choices, blank=True
    )
    speaking = models.CharField(_("speaking"), max_length=6, choices=Cefr.choices, blank=True)
    writing = models.CharField(_("writing"), max_length=6, choices=Cefr.choices, blank=True)
    certificate = models.CharField(
        _("certificate"), max_length=10, choices=Certificate.choices, default=Certificate.NONE
    )
    certificate_year = models.PositiveSmallIntegerField(
        _("certificate year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="languageskill_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.language


# -- Experience ----------------------------------------------------------------


class Setting(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    FAMILY_BUSINESS = "family_business", _("Family business")
    CARE_WORK = "care_work", _("Care work")
    HOUSEHOLD = "household", _("Household")
    VOLUNTEERING = "volunteering", _("Volunteering")
    MIGRATION = "migration", _("On the way through migration")
    OTHER = "other", pgettext_lazy("setting", "Other")


FORMAL_SETTINGS = frozenset({Setting.EMPLOYMENT, Setting.SELF_EMPLOYMENT})


class Experience(_Part):
    """Work the person did, paid or not, with dates to the month."""

    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="experience",
        verbose_name=_("profile"),
    )
    occupation = models.ForeignKey(
        "esco.Concept",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )
    title = models.CharField(_("activity as the person names it"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    employer = models.CharField(_("employer or setting"), max_length=200, blank=True)
    setting = models.CharField(
        _("kind of setting"), max_length=20, choices=Setting.choices, default=Setting.EMPLOYMENT
    )
    formal = models.BooleanField(
        _("formal"), default=True, help_text=_("Paid, contracted work; untick for informal work.")
    )
    started_on = models.DateField(_("from"), null=True, blank=True, help_text=_("Month and year."))
    ended_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty while it goes on.")
    )
    description = models.TextField(
        _("what the person did, in their own words"),
        blank=True,
        help_text=_("Any language; suggestions for skills are made from it."),
    )

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experience")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="experience_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def months(self) -> int:
        """Whole months from start to end (or today), counting both months."""
        if self.started_on is None:
            return 0
        end = self.ended_on or timezone.localdate()
        return max(
            0, (end.year - self.started_on.year) * 12 + end.month - self.started_on.month + 1
        )


# -- Skills (ESCO) ---------------------------------------------------------------


class SkillSource(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    OCCUPATION = "occupation", _("From an occupation")
    SUGGESTION = "suggestion", _("Accepted suggestion")
    SELF = "self", _("Self-declared")


class SkillLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class EvidenceLevel(models.TextChoices):
    SELF_DECLARED = "self_declared", _("Self-declared")
    OBSERVED = "observed", _("Observed by staff")
    TESTED = "tested", _("Certified by a test (e.g. MYSKILLS)")
    DOCUMENTED = "documented", _("Documented (certificate, reference)")


class ProfileSkill(_Part):
    """An ESCO skill or occupation the person has, with where it came from."""

    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="skills",
        verbose_name=_("profile"),
    )
    concept = models.ForeignKey(
        "esco.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skill or occupation"),
    )
    source = models.CharField(
        _("source"), max_length=12, choices=SkillSource.choices, default=SkillSource.COUNSELLOR
    )
    level = models.CharField(_("level"), max_length=12, choices=SkillLevel.choices, blank=True)
    evidence_level = models.CharField(
        _("evidence"),
        max_length=14,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.SELF_DECLARED,
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "concept"], name="profileskill_once")
        ]

    def __str__(self) -> str:
        return str(self.concept_id)


# -- Informal competences (ProfilPASS-style) -----------------------------------


class ActivityField(models.TextChoices):
    HOUSEHOLD = "household", _("Household")
    FAMILY = "family", _("Family")
    CARE = "care", _("Care for others")
    VOLUNTEERING = "volunteering", _("Volunteering")
    HOBBIES = "hobbies", _("Hobbies and interests")
    MIGRATION = "migration", _("Migration")
    OTHER = "other", pgettext_lazy("activity field", "Other")


class Assessment(models.IntegerChoices):
    """A four-step scale, as in ProfilPASS."""

    WITH_HELP = 1, _("1 – Can do it with help")
    ALONE = 2, _("2 – Can do it alone")
    CONFIDENT = 3, _("3 – Can do it confidently, also in new situations")
    TEACH = 4, _("4 – Can explain it to others and pass it on")


class InformalCompetence(_Part):
    """What the person did outside formal work and what competence that shows."""

    profile = models.ForeignKey(
        CompetenceProfile,
        on_delete=models.CASCADE,
        related_name="informal",
        verbose_name=_("profile"),
    )
    field = models.CharField(_("field of activity"), max_length=14, choices=ActivityField.choices)
    activity = models.TextField(_("what the person did"))
    competence = models.TextField(_("what that shows"), help_text=_("The competence statement."))
    self_assessment = models.PositiveSmallIntegerField(
        _("self-assessment"), choices=Assessment.choices, null=True, blank=True
    )
    counsellor_assessment = models.PositiveSmallIntegerField(
        _("counsellor's assessment"), choices=Assessment.choices, null=True, blank=True
    )
    evidence_level = models.CharField(
        _("evidence"),
        max_length=14,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.SELF_DECLARED,
    )
    skills = models.ManyToManyField(
        "esco.Concept", blank=True, related_name="+", verbose_name=_("ESCO skills")
    )

    class Meta:
        verbose_name = _("informal competence")
        verbose_name_plural = _("informal competences")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.competence[:60]
