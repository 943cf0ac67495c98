"""What a browser walk leaves behind: the URLs it requested (what a web server's access log
records), the application's log records, and the Content-Security-Policy violations the browser
reported. A walk watches its browser contexts with ``PrivacyWatch`` and then proves that no client
name or date of birth reached a URL or a log, and that the policy never had to block anything (no
inline script, style or foreign resource)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import unquote_plus


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.INFO)  # what a deployment logs (settings.LOGGING's root level)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {text}")


class PrivacyWatch:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.csp_violations: list[str] = []
        self.page_errors: list[str] = []
        self._handler = _Collect()

    def __enter__(self) -> PrivacyWatch:
        logging.getLogger().addHandler(self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger().removeHandler(self._handler)

    @property
    def log_lines(self) -> list[str]:
        return self._handler.lines

    def watch(self, context) -> None:
        """Record every request and console message of a Playwright browser context."""
        context.on("request", lambda request: self.requests.append(f"{request.method} {request.url}"))
        context.on("console", self._console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)

    def leaks(self, secrets: Iterable[str]) -> list[str]:
        """Requests and log lines that hold any of ``secrets`` (names, dates of birth), also when
        URL-encoded, compared without regard to case."""
        patterns = [re.compile(re.escape(s), re.IGNORECASE) for s in secrets]
        found = []
        for where, lines in (("request", self.requests), ("log", self.log_lines)):
            for line in lines:
                decoded = unquote_plus(line)
                if any(p.search(decoded) for p in patterns):
                    found.append(f"{where}: {line}")
        return found


def birth_date_forms(iso: str) -> list[str]:
    """A date of birth as it may be written: 1990-03-01, 03/01/1990, 3/1/1990, 19900301."""
    year, month, day = iso.split("-")
    return [iso, f"{month}/{day}/{year}", f"{int(month)}/{int(day)}/{year}", f"{year}{month}{day}"]
