"""TEMPORARY stand-in for the `core` part's targets (dropped at the merge)."""

from django.db import models

from quartier.people.models import Project


class Target(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    period_key = models.CharField(max_length=40)
    value = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.code} {self.period_key}"


def targets_for(project, period) -> dict[str, int]:
    return dict(
        Target.objects.filter(project=project, period_key=period.key).values_list("code", "value")
    )
