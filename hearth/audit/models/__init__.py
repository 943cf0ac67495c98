from hearth.audit.models.event import AuditEvent

__all__ = ["AuditEvent"]
