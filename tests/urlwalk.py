"""Enumerate every URL pattern of the project, with sample values for its parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

CONVERTER_SAMPLES = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "sample",
}


def _sample_route(route: str) -> str:
    def repl(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return CONVERTER_SAMPLES.get(converter, "1")

    return re.sub(r"<(?:(\w+):)?\w+>", repl, route)


def _regex_sample(regex: str) -> str | None:
    # Admin and django-ninja use regex patterns; only simple ones are sampled.
    text = regex.lstrip("^").rstrip("$").rstrip("\\Z")
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    if re.search(r"[()\[\]*+?|\\]", text):
        return None
    return text


def all_paths() -> Iterator[tuple[str, str]]:
    """(path, name) for each URL pattern."""

    def walk(patterns, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                route = str(p.pattern)
                part = _sample_route(route) if "<" in route or "^" not in route else _regex_sample(route)
                if part is None:
                    continue
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, prefix + part, ns)
            elif isinstance(p, URLPattern):
                route = str(p.pattern)
                part = _sample_route(route) if not route.startswith("^") else _regex_sample(route)
                if part is None:
                    continue
                yield "/" + prefix + part, f"{namespace}{p.name or ''}"

    yield from walk(get_resolver().url_patterns, "", "")


def all_routes() -> list[tuple[str, str]]:
    """(path with its <converter:parameter> placeholders, view name) of every named URL pattern
    written as a route; the admin's and the API's regex patterns are left to their own tests."""
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            route = str(p.pattern)
            if route.startswith("^"):
                continue
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + route, ns)
            elif isinstance(p, URLPattern) and p.name:
                found.append(("/" + prefix + route, f"{namespace}{p.name}"))

    walk(get_resolver().url_patterns, "", "")
    return found


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def route_parameters(route: str) -> list[tuple[str, str]]:
    """(converter, name) of each parameter of a route."""
    return [(m.group(1) or "str", m.group(2)) for m in PARAMETER.finditer(route)]


def fill_route(route: str, value_for) -> str:
    """The route with each parameter replaced by ``value_for(converter, name)``."""
    return PARAMETER.sub(lambda m: str(value_for(m.group(1) or "str", m.group(2))), route)
