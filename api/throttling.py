"""Fair use of the public API: a request budget per client address."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

OFF = {"", "off", "none"}


class PublicRateThrottle(AnonRateThrottle):
    """
    Throttle anonymous clients at ``settings.API_THROTTLE_RATE``.

    The rate is read on every request rather than once at import (as DRF's
    ``DEFAULT_THROTTLE_RATES`` is), so that a settings change takes effect.
    """

    scope = "api"

    def get_rate(self):
        rate = settings.API_THROTTLE_RATE
        return None if rate is None or str(rate).strip().lower() in OFF else rate
