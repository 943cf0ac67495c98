"""Template helpers for case management: HUD labels, names, dependent questions, the client panel."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from hearth.hud.codelists import LISTS

register = template.Library()


@register.filter
def hud(code: Any, list_id: str) -> str:
    """The HUD label of ``code`` in list ``list_id``: {{ exit.destination|hud:"3.12" }}."""
    if code is None or code == "":
        return ""
    return LISTS[list_id].label(code)


@register.filter
def person(client: Any) -> str:
    """A client's name as staff see it (never written to logs or URLs)."""
    if client is None:
        return ""
    name = " ".join(p for p in (client.first_name, client.last_name) if p)
    return name or f"Client {client.hud_id[:8]}"


@register.simple_tag
def show_when(form: Any, field_name: str) -> str:
    """``data-show-when`` for a question that depends on another (see enrollments/case.js)."""
    rule = getattr(form, "DEPENDS", {}).get(field_name)
    if not rule:
        return ""
    parent, values = rule.split(":", 1)
    return format_html(' data-show-when="{}" data-show-values="{}"', form[parent].html_name, values)


@register.inclusion_tag("enrollments/_panel_body.html", takes_context=True)
def client_programs_panel(context: template.Context, client: Any) -> dict[str, Any]:
    from hearth.enrollments.panel import panel_context

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"request": request, "user": user, "client": client, **panel_context(user, client)}


@register.simple_tag
def client_url(client: Any) -> str:
    """The client record's address: the participants' profile page when it exists."""
    from django.urls import NoReverseMatch, reverse

    for name in ("clients:detail", "clients:profile", "clients:client"):
        try:
            return reverse(name, args=[client.pk])
        except NoReverseMatch:
            continue
    return reverse("enrollments:client_programs", args=[client.pk])


@register.filter
def service_label(service: Any) -> str:
    """What a service was, in HUD's words: "SSVF Service: Case management services"."""
    from hearth.hud.validation import SERVICE_TYPE_LISTS

    if service.record_type == 200:
        return "Bed night"
    list_id = SERVICE_TYPE_LISTS.get(service.record_type, "")
    kind = LISTS[list_id].label(service.type_provided) if list_id in LISTS else str(service.type_provided)
    return f"{LISTS['1.4'].label(service.record_type)}: {kind}"


@register.filter
def getitem_any(form: Any) -> Any:
    """The "from any source" question of an income, benefits or insurance section."""
    return form[form.any_field]


@register.filter
def getitem_identify(form: Any) -> Any:
    """The "which other source?" question of an income, benefits or insurance section."""
    return form[form.identify]
