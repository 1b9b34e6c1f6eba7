"""
The audit trail: who did what to staff accounts and publication, and when.

Every entry goes to the "tracker.audit" logger as one line of key=value pairs;
production sends that logger somewhere staff cannot edit (docs/security.md).
"""

import logging
import unicodedata

from django.utils import timezone

logger = logging.getLogger("tracker.audit")

SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Controls (C0, DEL, C1), invisible formatting such as bidi overrides, line and
# paragraph separators, and spaces other than the plain one.
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Zs"}


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def record(action, *, who, request=None, **details):
    """Log one audit event; ``who`` is a user, a username or None."""
    username = getattr(who, "get_username", lambda: who)() if who is not None else ""
    fields = {"action": action, "who": username or "-", "at": timezone.now().isoformat(), "ip": client_ip(request)}
    fields.update(details)
    logger.info(" ".join(f"{key}={quoted(value)}" for key, value in fields.items()))


def escaped(character):
    if character in SHORT_ESCAPES:
        return SHORT_ESCAPES[character]
    if character != " " and unicodedata.category(character) in HIDDEN:
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return character


def quoted(value):
    """
    Return ``value`` as one field of a line: what a user typed can neither end
    the line nor add a field. Every control character is escaped; a value holding
    a space, a quote, a backslash or ``=`` is written in double quotes.
    """
    value = str(value)
    text = "".join(escaped(character) for character in value)
    if text and text == value and not any(separator in text for separator in ' ="'):
        return text
    return f'"{text}"'
