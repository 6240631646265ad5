"""Background work of the competences app (django-tasks; enqueued on commit, taking ids)."""

from django_tasks import task

from quartier.competences.passport.services import render_passport


@task()
def render_passport_task(passport_id: int) -> str:
    """Render one queued passport's PDF; does nothing if it is not queued any more."""
    passport = render_passport(passport_id)
    return passport.status if passport is not None else "skipped"
