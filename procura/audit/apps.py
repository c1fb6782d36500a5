from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_chain_head(sender: AppConfig, **kwargs: Any) -> None:
    """The chain head row exists after every migrate and every flush (flush emits post_migrate),
    so the first audit write never has to create it under concurrency."""
    if sender.label != "audit":
        return
    from procura.audit.models import AuditChainHead

    AuditChainHead.objects.using(kwargs.get("using", "default")).get_or_create(id=1)


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(
            ensure_chain_head, sender=self, dispatch_uid="procura.audit.chain_head"
        )
