"""Keep the search index in step with single-record saves made anywhere in Hearth."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from hearth.clients.models import Client, ClientAlias
from hearth.clients.search.index import index_clients


@receiver(post_save, sender=Client, dispatch_uid="clients_index_client")
def _client_saved(sender: Any, instance: Client, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_clients([instance.pk])


@receiver(post_save, sender=ClientAlias, dispatch_uid="clients_index_alias_saved")
@receiver(post_delete, sender=ClientAlias, dispatch_uid="clients_index_alias_deleted")
def _alias_changed(sender: Any, instance: ClientAlias, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.client_id:
        index_clients([instance.client_id])
