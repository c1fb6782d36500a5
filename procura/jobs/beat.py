"""celery beat that sends scheduled tasks only while it holds the scheduler lease.

Run beat with ``--scheduler procura.jobs.beat:LeasedScheduler``. Each tick renews a lease row
in the database (``SchedulerLease``); a second beat process (a standby, or one started by
mistake) finds the lease held and stays idle until the holder stops renewing it, so every
scheduled job is sent once. Schedules are crontab entries at clock times in the company's time
zone (CELERY_TIMEZONE), so a lost schedule file changes nothing but the next run time.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from celery.beat import PersistentScheduler
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from procura.jobs.models import SchedulerLease

logger = logging.getLogger("procura.jobs.beat")

LEASE_NAME = "beat"


def lease_acquire(*, holder: str, ttl: timedelta, name: str = LEASE_NAME) -> bool:
    """Take or renew the lease; True while ``holder`` holds it."""
    now = timezone.now()
    renewed = (
        SchedulerLease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(expires_at__lt=now))
        .update(holder=holder, expires_at=now + ttl)
    )
    if renewed:
        return True
    try:
        with transaction.atomic():
            SchedulerLease.objects.create(name=name, holder=holder, expires_at=now + ttl)
    except IntegrityError:
        return False
    return True


def lease_release(*, holder: str, name: str = LEASE_NAME) -> None:
    SchedulerLease.objects.filter(name=name, holder=holder).delete()


class LeasedScheduler(PersistentScheduler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.holding = False
        super().__init__(*args, **kwargs)

    def _ttl(self) -> timedelta:
        return timedelta(seconds=settings.JOBS_BEAT_LEASE_SECONDS)

    def tick(self, *args: Any, **kwargs: Any) -> float:
        close_old_connections()
        try:
            holding = lease_acquire(holder=self.holder, ttl=self._ttl())
        except Exception:  # database away: send nothing rather than risk sending twice
            logger.exception("Scheduler lease unavailable")
            holding = False
        if holding != self.holding:
            logger.warning(
                "Scheduler lease %s", "taken" if holding else "held elsewhere; standing by"
            )
            self.holding = holding
        if not holding:
            return float(settings.JOBS_BEAT_LEASE_SECONDS) / 3
        interval: float = super().tick(*args, **kwargs)
        return min(interval, float(settings.JOBS_BEAT_LEASE_SECONDS) / 3)

    def close(self) -> None:
        if self.holding:
            try:
                lease_release(holder=self.holder)
            except Exception:
                logger.exception("Scheduler lease not released")
        super().close()
