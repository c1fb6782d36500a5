"""Celery application. Broker and result backend come from settings (Redis); with no broker
configured, tasks run in-process (CELERY_TASK_ALWAYS_EAGER)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings")

app = Celery("procura")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
