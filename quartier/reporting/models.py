"""TEMPORARY stand-in for core's models.py (the coordinator drops this commit)."""

from django.db import models


class Target(models.Model):
    project = models.ForeignKey("people.Project", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    period_key = models.CharField(max_length=40)
    value = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.code


def targets_for(project, period) -> dict[str, int]:
    return dict(
        Target.objects.filter(project=project, period_key=period.key).values_list("code", "value")
    )
