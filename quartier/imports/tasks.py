"""Import work for the task queue; tasks take ids (STYLE.md 27)."""

from django_tasks import task

from quartier.imports import services


@task()
def write_import(job_id: int) -> None:
    services.run_import(job_id)


@task()
def purge_stale_imports() -> int:
    return services.purge_stale_jobs()
