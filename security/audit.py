"""
The audit trail: who did what to staff accounts and publication, and when.

Every entry goes to the "tracker.audit" logger as one line of key=value pairs;
production sends that logger somewhere staff cannot edit (docs/security.md).
"""

import logging

from django.utils import timezone

logger = logging.getLogger("tracker.audit")


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def record(action, *, who, request=None, **details):
    """Log one audit event; ``who`` is a user, a username or None."""
    username = getattr(who, "get_username", lambda: who)() if who is not None else ""
    fields = {"action": action, "who": username or "-", "at": timezone.now().isoformat(), "ip": client_ip(request)}
    fields.update(details)
    logger.info(
        " ".join(f"{key}={value!r}" if " " in str(value) else f"{key}={value}" for key, value in fields.items())
    )
