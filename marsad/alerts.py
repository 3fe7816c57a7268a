"""Alerts of new operations: the line ``marsad watch`` prints and the JSON it posts to a webhook.

A *new operation* is a canonical event a resolution created (its mentions belonged to no
event before: :attr:`marsad.store.canonical.ResolveSummary.created`); a new report of a
known operation updates it and is no alert. :func:`describe` says one in a line (date,
type, places, count, link); :class:`Notifier` posts each as JSON (:func:`payload`) to a
URL, once: the first failure of a round is one problem and the round's other posts are
skipped (no storm of retries against a webhook that is down).
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from . import __version__
from .errors import InputError

USER_AGENT = f"marsad/{__version__} (alerts)"
NOTE_PLACES = 3  # places named before "+N more"


def link(event: dict[str, Any]) -> str | None:
    """The first source's URL (the article that reported the operation first)."""
    return next((s["url"] for s in event["sources"] if s.get("url")), None)


def describe(event: dict[str, Any]) -> str:
    """``2024-01-10 cell dismantled in Casablanca, Tangier: 5 arrested`` (English)."""
    names = [p.get("name_en") or p["id"] for p in event["places_detail"]] or event["places"]
    where = ", ".join(names[:NOTE_PLACES]) + (f" (+{len(names) - NOTE_PLACES} more)"
                                              if len(names) > NOTE_PLACES else "")
    counts = [f"{event[k]} {k}" for k in ("arrested", "killed") if event.get(k) is not None]
    when = event["date"] or (f"between {event['date_earliest']} and {event['date_latest']}"
                             if event.get("date_earliest") else "undated")
    text = f"{when} {event['type'].replace('_', ' ')}"
    text += f" in {where}" if where else ""
    text += f": {', '.join(counts)}" if counts else ""
    return text + (" (background)" if event["background"] else "")


def alert_line(event: dict[str, Any]) -> str:
    """What ``marsad watch`` prints for a new operation: id, description, link."""
    return f"new operation {event['id']}: {describe(event)}" + (f" {link(event)}" if link(event) else "")


def payload(event: dict[str, Any]) -> dict[str, Any]:
    """The JSON posted for a new operation: ``text`` (the alert line, which chat webhooks
    show) and ``event`` (the event as ``/api/events`` gives it)."""
    return {"text": alert_line(event), "event": event}


class Notifier:
    """Posts new operations to a webhook URL (http or https)."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"invalid --notify URL {url!r}: give an http(s) address, "
                             "e.g. https://hooks.example.org/marsad")
        self.url, self.timeout = url, timeout

    def send(self, events: list[dict[str, Any]]) -> str | None:
        """Post each event, one request each, in order; stop at the first failure and return
        it as one line (None when every post succeeded)."""
        for i, event in enumerate(events):
            problem = self._post(payload(event))
            if problem:
                left = len(events) - i
                return (f"{self.url}: {problem}; {left} new operation{'s' * (left != 1)} not sent "
                        "(the watch goes on)")
        return None

    def _post(self, body: dict[str, Any]) -> str | None:
        request = urllib.request.Request(
            self.url, data=json.dumps(body, ensure_ascii=False, default=str).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as e:
            return f"HTTP {e.code} {e.reason}"
        except urllib.error.URLError as e:
            return f"cannot post: {getattr(e.reason, 'strerror', None) or e.reason}"
        except (OSError, ValueError) as e:  # timeouts, resets, a bad port
            return f"cannot post: {e}"
        return None
