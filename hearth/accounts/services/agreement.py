"""The user agreement: signed at first sign-in and again every ACCOUNT_AGREEMENT_RENEW_DAYS."""

from __future__ import annotations

from django.db import transaction

from hearth.accounts import conf
from hearth.accounts.models import AgreementSignature, User, UserAgreement
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock


def current_agreement(clock_: clock.Clock | None = None) -> UserAgreement | None:
    return UserAgreement.objects.filter(published_at__lte=clock.now(clock_)).order_by("-version").first()


def needs_agreement(user: User, clock_: clock.Clock | None = None) -> bool:
    """True when the current agreement has no signature of the user's from the last year."""
    agreement = current_agreement(clock_)
    if agreement is None:
        return False
    since = clock.now(clock_) - conf.days("ACCOUNT_AGREEMENT_RENEW_DAYS")
    return not AgreementSignature.objects.filter(user=user, agreement=agreement, signed_at__gt=since).exists()


def agreement_sign(
    *, user: User, agreement: UserAgreement, ip_address: str | None, clock_: clock.Clock | None = None
) -> AgreementSignature:
    with transaction.atomic():
        signature = AgreementSignature(
            user=user, agreement=agreement, signed_at=clock.now(clock_), ip_address=ip_address
        )
        signature.full_clean()
        signature.save()
        audit_record(
            actor=user,
            action=AuditEvent.Action.ACCOUNT,
            obj=user,
            ip_address=ip_address,
            detail={"change": "agreement_signed", "agreement_version": agreement.version},
            clock_=clock_,
        )
    return signature
