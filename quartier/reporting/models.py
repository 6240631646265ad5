"""What reporting stores: only the targets of the grant application. Every figure is
computed live from the domain apps' records (``esf.py``), never stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A project's target for one indicator in one period, from its grant application."""

    project = models.ForeignKey(
        "people.Project",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("project"),
    )
    # An ESF+ code (EECO01) or a success measure's count (``targets.target_code``:
    # "counselling-towards-work.contacts-interpreter").
    code = models.CharField(_("indicator"), max_length=60)
    # A period's key as ``periods.parse`` reads it: "phase", "2026", "2026-H1", …
    period_key = models.CharField(_("period"), max_length=30)
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["project", "period_key", "code"]
        constraints = [
            # One target per indicator and period; ``targets_for`` reads them by both.
            models.UniqueConstraint(
                fields=["project", "period_key", "code"], name="target_one_per_code_and_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.period_key}: {self.value}"
