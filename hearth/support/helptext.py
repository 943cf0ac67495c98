"""Help centre pages: Markdown rendered to HTML, then sanitised (administrators write the Markdown,
but a page is shown to everyone, so no script or event handler survives)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import nh3
from django.utils.safestring import SafeString, mark_safe

SEED_DIR = Path(__file__).resolve().parent / "help"

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "code",
    "pre",
    "blockquote",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}


def render(text: str) -> SafeString:
    html = markdown.markdown(text, extensions=["toc", "sane_lists", "tables"], output_format="html")
    clean = nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"}
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def parse_seed(text: str) -> dict[str, str]:
    """A seed file: a '---' block of 'key: value' lines, then the Markdown body."""
    meta: dict[str, str] = {}
    body = text
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        for line in head.splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    meta["body"] = body.strip() + "\n"
    return meta


def seed_pages() -> list[dict[str, str]]:
    pages = []
    for path in sorted(SEED_DIR.glob("*.md")):
        page = parse_seed(path.read_text(encoding="utf-8"))
        page["slug"] = path.stem
        pages.append(page)
    return pages


def seed_help(HelpArticle: Any) -> None:  # noqa: N803 - a model class, possibly a migration's
    """Create the seed pages that do not exist (an administrator's edits are never overwritten)."""
    now = dt.datetime.now(dt.UTC)
    for page in seed_pages():
        HelpArticle.objects.get_or_create(
            slug=page["slug"],
            defaults={
                "title": page.get("title", page["slug"]),
                "section": page.get("section", "other"),
                "summary": page.get("summary", ""),
                "position": int(page.get("position", 100)),
                "body": page["body"],
                "published": True,
                "updated_at": now,
            },
        )
