"""Cases: counselling of one participant by one organisation, with goals, contacts,
referrals, the exit and the six-month follow-up, and the consented shares of a case.

Everything here is personal data. Managers are scoped to the organisation that
holds the case (django-scopes); a case another organisation may see through a
consented share is read through ``quartier.counselling.cases.cases_visible_to``.
Writes go through the services in this app (``cases.py``, ``contacts.py``,
``goals.py``, ``referrals.py``, ``outcomes.py``, ``sharing.py``), which audit them.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation

# Codes as in the site pack and in people.Participant.languages: ISO 639, two or three letters.
language_code = RegexValidator(r"^[a-z]{2,3}$", _("Enter a language code such as de or kmr."))

MAX_CONTACT_MINUTES = 600


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ACTIVE = "active", pgettext_lazy("case status", "Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class Case(models.Model):
    """The counselling of one participant by the organisation that holds the case."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.CASCADE,
        related_name="cases",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.INTAKE
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible counsellor"),
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # The next step agreed at the latest contact, kept here so that "My cases"
    # sorts by it in one query; ``contacts.add_contact`` maintains it.
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            # A person has at most one open case with an organisation at a time.
            models.UniqueConstraint(
                fields=["participant", "organisation"],
                condition=~Q(status="closed"),
                name="case_one_open_per_participant_and_organisation",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="case_closed_with_date",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closes_after_it_opens",
            ),
        ]
        indexes = [
            # "My cases": a counsellor's cases, soonest next step first.
            models.Index(fields=["counsellor", "status", "next_step_due"], name="case_my_cases"),
            # Reporting, "cases opened" (reporting.measures._counselling): the cases
            # opened in a period, with whose they are, without reading the table.
            models.Index(
                fields=["opened_on", "organisation"],
                include=["participant"],
                name="case_opened",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Case {code}").format(code=str(self.public_id)[:8]))

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class GoalKind(models.TextChoices):
    JOB = "job", _("Job")
    TRAINING = "training", _("Training place")
    RECOGNITION = "recognition", _("Recognition of a foreign degree")
    LANGUAGE = "language", _("Language course")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    OTHER = "other", pgettext_lazy("goal kind", "Other")


class GoalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("goal status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class Goal(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="goals", verbose_name=_("case")
    )
    kind = models.CharField(_("goal"), max_length=20, choices=GoalKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    set_on = models.DateField(_("set on"), default=timezone.localdate)
    status_changed_on = models.DateField(_("status changed on"), default=timezone.localdate)

    objects = ScopedManager(organisation="case__organisation")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["set_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class ContactChannel(models.TextChoices):
    IN_PERSON = "person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    LERNECK = "lerneck", _("At the Lerneck")
    OUTREACH = "outreach", _("Outreach")


class Topic(models.TextChoices):
    JOB_SEARCH = "job_search", _("Job search")
    APPLICATION = "application", _("Applications and CV")
    TRAINING = "training", _("Vocational training")
    RECOGNITION = "recognition", _("Recognition of qualifications")
    LANGUAGE = "language", _("Learning German")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    BENEFITS = "benefits", _("Jobcenter and benefits")
    RESIDENCE = "residence", _("Residence and work permit")
    HOUSING = "housing", _("Housing")
    CHILDCARE = "childcare", _("Childcare and family")
    HEALTH = "health", _("Health")
    DEBTS = "debts", _("Debts")
    OTHER = "other", pgettext_lazy("topic", "Other")


class Contact(models.Model):
    """One counselling conversation and the next step agreed in it."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("case")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CONTACT_MINUTES)],
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ContactChannel.choices)
    language = models.CharField(
        _("language used"), max_length=3, validators=[language_code], default="de"
    )
    interpreter = models.BooleanField(_("with an interpreter"), default=False)
    # A list of Topic codes; ``contacts.add_contact`` validates it.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("agreed next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = ScopedManager(organisation="case__organisation")

    class Meta:
        verbose_name = _("counselling contact")
        verbose_name_plural = _("counselling contacts")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=MAX_CONTACT_MINUTES),
                name="contact_duration_in_range",
            ),
            # A due date belongs to a described step.
            models.CheckConstraint(
                condition=Q(next_step_due__isnull=True) | ~Q(next_step=""),
                name="contact_due_date_needs_next_step",
            ),
        ]
        indexes = [
            # Reporting, "counselling towards work" (reporting.measures._counselling and
            # the people counselled in ``_per_person``): a period's contacts with their
            # case, language and interpreter, read from the index alone.
            models.Index(
                fields=["date", "case"],
                include=["language", "interpreter"],
                name="contact_date_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_channel_display()}"

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(code, code)) for code in self.topics]


class ReferralTarget(models.TextChoices):
    VACANCY = "vacancy", _("Vacancy or training place")
    COURSE = "course", _("Course")
    AGENCY = "agency", _("Agency")


class Agency(models.TextChoices):
    JOBCENTER = "jobcenter", _("Jobcenter")
    AGENTUR = "agentur", _("Agentur für Arbeit")
    AUSLAENDERBEHOERDE = "auslaenderbehoerde", _("Ausländerbehörde (immigration office)")
    RECOGNITION = "recognition", _("Recognition counselling")
    LANGUAGE_SCHOOL = "language_school", _("Language school")
    DEBT = "debt", _("Debt counselling")
    HEALTH = "health", _("Health counselling")
    OTHER = "other", pgettext_lazy("agency", "Other")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    TAKEN_UP = "taken_up", _("Taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")
    SUCCESSFUL = "successful", _("Successful")
    UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")


class Referral(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case")
    )
    target = models.CharField(_("referred to"), max_length=10, choices=ReferralTarget.choices)
    agency = models.CharField(_("agency"), max_length=20, choices=Agency.choices, blank=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("Which vacancy, course or office, and what for."),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    outcome = models.CharField(
        _("outcome"),
        max_length=15,
        choices=ReferralOutcome.choices,
        default=ReferralOutcome.PENDING,
    )
    outcome_on = models.DateField(_("outcome known on"), null=True, blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("counsellor"),
    )

    objects = ScopedManager(organisation="case__organisation")

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-date", "-pk"]
        constraints = [
            # An agency is named exactly when the referral goes to an agency.
            models.CheckConstraint(
                condition=(Q(target="agency") & ~Q(agency=""))
                | (~Q(target="agency") & Q(agency="")),
                name="referral_agency_iff_target_agency",
            ),
            models.CheckConstraint(
                condition=(Q(outcome="pending") & Q(outcome_on__isnull=True))
                | (~Q(outcome="pending") & Q(outcome_on__isnull=False)),
                name="referral_outcome_with_date",
            ),
        ]
        indexes = [
            # Reporting, "qualified applicants" (reporting.measures._per_person): the
            # referrals to a vacancy in a period, with their case.
            models.Index(
                fields=["date", "case"],
                condition=Q(target="vacancy"),
                name="referral_vacancy_date",
            ),
        ]

    def __str__(self) -> str:
        return self.target_label()

    def target_label(self) -> str:
        if self.target == ReferralTarget.AGENCY:
            return str(self.get_agency_display())
        return str(self.get_target_display())


class ExitSituation(models.TextChoices):
    """The situation within four weeks after exit (ESF+ common result indicators).

    One choice, so that job searching and employment exclude each other.
    """

    JOB_SEARCHING = "searching", _("Job searching")
    EDUCATION = "education", _("In education or training")
    EMPLOYED = "employed", _("In employment, including self-employment")
    NONE = "none", _("None of these")


class Exit(models.Model):
    """The end of a case with the participant's situation within four weeks after it."""

    # One exit per case: the one-to-one field is the unique constraint.
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="exit", verbose_name=_("case")
    )
    exit_date = models.DateField(_("exit date"))
    situation = models.CharField(
        _("situation within 4 weeks after exit"), max_length=10, choices=ExitSituation.choices
    )
    qualification_gained = models.BooleanField(_("gained a qualification"), default=False)
    certificate = models.CharField(_("certificate"), max_length=200, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = ScopedManager(organisation="case__organisation")

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        constraints = [
            # A gained qualification names its certificate and issuer; otherwise neither.
            models.CheckConstraint(
                condition=(Q(qualification_gained=True) & ~Q(certificate="") & ~Q(issuer=""))
                | (Q(qualification_gained=False) & Q(certificate="") & Q(issuer="")),
                name="exit_qualification_with_certificate",
            ),
        ]
        indexes = [
            # Reporting, the ESF+ results on leaving (reporting.esf.result_counts): the
            # exits of a period, and for each the later one of the same person.
            models.Index(fields=["exit_date", "case"], name="exit_date_case"),
        ]

    def __str__(self) -> str:
        return f"{self.exit_date} {self.get_situation_display()}"


class Improvement(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_APPLICABLE = "n/a", _("Not applicable (not employed at entry)")


class FollowUp(models.Model):
    """The check six months after exit; it appears on the counsellor's list until done."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("case")
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    in_employment = models.BooleanField(_("in employment"), null=True, blank=True)
    improved_situation = models.CharField(
        _("improved labour-market situation"),
        max_length=3,
        choices=Improvement.choices,
        blank=True,
        help_text=_("Only for people who were employed at entry."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ScopedManager(organisation="case__organisation")

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            # Done means a result; a result means done.
            models.CheckConstraint(
                condition=(
                    Q(done_on__isnull=True)
                    & Q(in_employment__isnull=True)
                    & Q(improved_situation="")
                )
                | (
                    Q(done_on__isnull=False)
                    & Q(in_employment__isnull=False)
                    & ~Q(improved_situation="")
                ),
                name="followup_done_with_result",
            ),
        ]
        indexes = [
            # Follow-ups still to do, soonest first.
            models.Index(fields=["done_on", "due_on"], name="followup_open_due"),
            # Reporting, the ESF+ results six months after leaving
            # (reporting.esf.follow_up_counts): the follow-ups done, by six-month date.
            models.Index(
                fields=["due_on", "case"],
                condition=Q(done_on__isnull=False),
                name="followup_done_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_on}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class ShareKind(models.TextChoices):
    SHARE = "share", _("Shared (the other organisation may read the case)")
    HANDOVER = "handover", _("Handed over (the other organisation works on the case)")


class CaseShare(models.Model):
    """A case made visible to another organisation, resting on a HANDOVER consent.

    The share counts only while its consent is live: withdrawing the consent
    hides the case from the recipient at once, without touching this row.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="shares", verbose_name=_("case")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("shared with")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ShareKind.choices)
    consent = models.ForeignKey(
        "people.Consent", on_delete=models.PROTECT, related_name="+", verbose_name=_("consent")
    )
    since = models.DateTimeField(_("since"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("shared by"),
    )

    objects = ScopedManager(organisation="case__organisation")

    class Meta:
        verbose_name = _("case share")
        verbose_name_plural = _("case shares")
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(ended_at__isnull=True),
                name="caseshare_one_live_per_organisation",
            ),
        ]
        indexes = [
            # cases_visible_to: the live shares with the user's organisations.
            models.Index(fields=["organisation", "ended_at"], name="caseshare_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation}"

    @property
    def is_live(self) -> bool:
        """Needs ``consent`` loaded (select_related) to avoid a query."""
        return self.ended_at is None and self.consent.withdrawn_at is None
