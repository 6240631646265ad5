"""Cooperation between businesses and organisations.

Shared programme-wide like the business register: no organisation scoping.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "Cooperation",
    "CooperationKind",
]


class CooperationKind(models.TextChoices):
    SUPPLIER = "supplier", _("Supplier")
    JOINT_EVENT = "event", _("Joint event")
    SHARED_STAFF = "staff", _("Shared staff")
    MENTORING = "mentoring", _("Mentoring")
    TRAINING_ALLIANCE = "alliance", _("Training alliance")
    NEIGHBOURS = "neighbours", _("Neighbours' initiative")
    OTHER = "other", pgettext_lazy("kind of cooperation", "Other")


class Cooperation(models.Model):
    """A relation between two parties, each a business or an organisation of the programme.

    ``until`` open means the relation is ongoing.
    """

    business_a = models.ForeignKey(
        "economy.Business",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first business"),
    )
    organisation_a = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first organisation"),
    )
    business_b = models.ForeignKey(
        "economy.Business",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second business"),
    )
    organisation_b = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second organisation"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CooperationKind.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: ongoing."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-since", "id"]
        constraints = [
            # Each side is exactly one party: a business or an organisation.
            models.CheckConstraint(
                condition=Q(business_a__isnull=False, organisation_a__isnull=True)
                | Q(business_a__isnull=True, organisation_a__isnull=False),
                name="economy_cooperation_one_first_party",
            ),
            models.CheckConstraint(
                condition=Q(business_b__isnull=False, organisation_b__isnull=True)
                | Q(business_b__isnull=True, organisation_b__isnull=False),
                name="economy_cooperation_one_second_party",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="economy_cooperation_ends_after_start",
            ),
        ]
        # The network page and the counts per period filter on the time span.
        indexes = [models.Index(fields=["since", "until"], name="economy_coop_span")]

    def __str__(self) -> str:
        return f"{self.party_a} – {self.party_b} ({self.get_kind_display()})"

    @property
    def party_a(self):
        """The first party; reads the related row unless select_related."""
        return self.business_a if self.business_a_id else self.organisation_a

    @property
    def party_b(self):
        """The second party; reads the related row unless select_related."""
        return self.business_b if self.business_b_id else self.organisation_b

    @property
    def is_ongoing(self) -> bool:
        return self.until is None
