from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background task tracking: state, progress and outcome of Celery tasks, per owner."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.jobs"
    label = "jobs"
