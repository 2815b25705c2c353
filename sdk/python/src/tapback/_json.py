"""Small readers for the wire's JSON: times, optional fields."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Mapping

_FRACTION = re.compile(r"\.(\d+)")


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time with its offset, as Tapback writes it (any number of fraction digits, or ``Z``)."""
    if not isinstance(value, str) or not value:
        return None
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits; .NET may write up to 7.
    text = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text, count=1)
    return datetime.fromisoformat(text)


def req_time(data: Mapping[str, Any], key: str) -> datetime:
    parsed = parse_time(data.get(key))
    if parsed is None:
        raise ValueError(f"The event has no '{key}' time.")
    return parsed


def opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def req_str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def opt_int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def mapping(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a JSON object, else an empty one."""
    return value if isinstance(value, Mapping) else {}
