"""Signing designed forms, and releases of information (which govern sharing between agencies)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.enrollments.models import (
    ClientFile,
    Enrollment,
    FormQuestion,
    FormSubmission,
    FormTemplate,
    ReleaseOfInformation,
)
from hearth.enrollments.services.common import (
    audit,
    error,
    require_client_access,
    require_project_access,
    save_plain,
)

COC_CODE = re.compile(r"^[A-Z]{2}-[0-9]{3}$")
SIGNATURE_MAX_BYTES = 300 * 1024
PNG_DATA_URL = "data:image/png;base64,"


@dataclass
class RoiInput:
    permission: bool
    start_date: dt.date
    end_date: dt.date
    documentation: str
    coc_code: str = ""
    organizations: Sequence[Any] = field(default_factory=list)
    documentation_note: str = ""
    file: ClientFile | None = None


def signature_from_data_url(value: str) -> bytes:
    """The PNG bytes of a drawn signature sent as a data URL; ValidationError if it is not one."""
    if not value.startswith(PNG_DATA_URL):
        raise error("signature", "The drawn signature was not received; draw it again or type it.")
    try:
        data = base64.b64decode(value[len(PNG_DATA_URL) :], validate=True)
    except (binascii.Error, ValueError):
        raise error("signature", "The drawn signature could not be read; draw it again.") from None
    if len(data) > SIGNATURE_MAX_BYTES:
        raise error("signature", "The drawn signature is too large.")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise ValueError
            image.verify()
    except Exception:
        raise error("signature", "The drawn signature could not be read; draw it again.") from None
    return data


def _validate_roi(data: RoiInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.end_date < data.start_date:
        errors["end_date"] = ["The end date is before the start date."]
    if data.coc_code and not COC_CODE.match(data.coc_code):
        errors["coc_code"] = ["A CoC code looks like CA-600."]
    if data.permission and not data.coc_code and not data.organizations:
        errors["organizations"] = ["Choose the agencies the client agrees to share with, or the whole CoC."]
    if data.documentation not in ReleaseOfInformation.Documentation.values:
        errors["documentation"] = ["Choose how the release is documented."]
    if errors:
        raise ValidationError(errors)


def roi_create(
    *,
    actor: Any,
    client: Any,
    data: RoiInput,
    form_submission: FormSubmission | None = None,
    clock_: clock.Clock | None = None,
) -> ReleaseOfInformation:
    require_client_access(actor, [client.pk])
    _validate_roi(data)
    if data.file is not None and data.file.client_id != client.pk:
        raise error("file", "The document belongs to another client.")
    with transaction.atomic():
        roi = save_plain(
            ReleaseOfInformation(
                client=client,
                permission=data.permission,
                coc_code=data.coc_code if data.permission else "",
                start_date=data.start_date,
                end_date=data.end_date,
                documentation=data.documentation,
                documentation_note=data.documentation_note.strip()[:200],
                file=data.file,
                form_submission=form_submission,
                organization_id=actor.organization_id,
                created_by=actor,
                created_at=clock.now(clock_),
            )
        )
        if data.permission:
            roi.organizations.set(data.organizations)
        audit(
            actor,
            "create",
            roi,
            client_id=client.pk,
            permission=data.permission,
            coc_wide=bool(data.coc_code),
            organizations=sorted(o.pk for o in data.organizations) if data.permission else [],
        )
    return roi


def roi_revoke(
    *, actor: Any, roi: ReleaseOfInformation, clock_: clock.Clock | None = None
) -> ReleaseOfInformation:
    """The client withdrew their permission: sharing under this release stops now."""
    require_client_access(actor, [roi.client_id])
    if roi.revoked_at is not None:
        return roi
    with transaction.atomic():
        roi.revoked_at = clock.now(clock_)
        roi.revoked_by = actor
        roi.save(update_fields=["revoked_at", "revoked_by"])
        audit(actor, "update", roi, client_id=roi.client_id, fields=["revoked_at"])
    return roi


def templates_for(actor: Any) -> Any:
    from django.db.models import Q

    return FormTemplate.objects.filter(active=True).filter(
        Q(organization__isnull=True) | Q(organization_id=getattr(actor, "organization_id", None))
    )


def _answer(question: FormQuestion, raw: Any) -> tuple[str, str | None]:
    """(answer as text, error) for one question."""
    value = "" if raw is None else raw
    if question.kind == FormQuestion.Kind.AGREE:
        agreed = value in (True, "on", "true", "1", "yes")
        if question.required and not agreed:
            return "", "Tick the box to agree."
        return ("Agreed" if agreed else "Not agreed"), None
    text = str(value).strip()
    if question.required and not text:
        return "", "Answer this question."
    if question.kind == FormQuestion.Kind.YES_NO and text and text not in ("Yes", "No"):
        return "", "Answer Yes or No."
    if question.kind == FormQuestion.Kind.CHOICE and text and text not in question.choice_list():
        return "", "Choose one of the listed answers."
    if question.kind == FormQuestion.Kind.DATE and text:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return "", "Enter a date as YYYY-MM-DD."
    return text[:2000], None


def form_sign(
    *,
    actor: Any,
    template: FormTemplate,
    client: Any,
    answers: dict[int, Any],
    signer_name: str,
    method: str,
    signature_png: bytes = b"",
    signer_role: str = FormSubmission.SignerRole.CLIENT,
    enrollment: Enrollment | None = None,
    roi: RoiInput | None = None,
    clock_: clock.Clock | None = None,
) -> FormSubmission:
    """Keep a signed copy of ``template`` for the client (and record the release, for an ROI form)."""
    require_client_access(actor, [client.pk])
    if enrollment is not None:
        if enrollment.client_id != client.pk:
            raise error("enrollment", "The enrollment belongs to another client.")
        require_project_access(actor, enrollment.project)
    if not templates_for(actor).filter(pk=template.pk).exists():
        raise error("template", "This form is not offered to your agency.")
    errors: dict[str, list[str]] = {}
    content_answers = []
    for question in template.questions.all():
        text, problem = _answer(question, answers.get(question.pk))
        if problem:
            errors[f"q{question.pk}"] = [problem]
        content_answers.append({"question": question.label, "answer": text})
    signer_name = signer_name.strip()
    if not signer_name:
        errors["signer_name"] = ["Type the signer's full name."]
    if method not in FormSubmission.Method.values:
        errors["method"] = ["Choose how the form is signed."]
    if method == FormSubmission.Method.DRAWN and not signature_png:
        errors["signature"] = ["Draw the signature, or choose a typed signature."]
    if signer_role not in FormSubmission.SignerRole.values:
        errors["signer_role"] = ["Choose who is signing."]
    if template.kind == FormTemplate.Kind.ROI:
        if roi is None:
            errors["__all__"] = ["Say what the client agrees to share, and for how long."]
        else:
            try:
                _validate_roi(roi)
            except ValidationError as exc:
                errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        submission = save_plain(
            FormSubmission(
                template=template,
                client=client,
                enrollment=enrollment,
                organization_id=actor.organization_id,
                content={
                    "title": template.name,
                    "introduction": template.introduction,
                    "answers": content_answers,
                },
                signer_name=signer_name[:200],
                signer_role=signer_role,
                method=method,
                signature_png=signature_png if method == FormSubmission.Method.DRAWN else b"",
                signed_at=clock.now(clock_),
                collected_by=actor,
            )
        )
        audit(actor, "create", submission, client_id=client.pk, template=template.pk, method=method)
        if template.kind == FormTemplate.Kind.ROI and roi is not None:
            roi.documentation = ReleaseOfInformation.Documentation.ELECTRONIC
            roi_create(actor=actor, client=client, data=roi, form_submission=submission, clock_=clock_)
    return submission
