"""Fair use of the public API: a request budget per client address."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle

OFF = {"", "off", "none"}


class PublicRateThrottle(AnonRateThrottle):
    """
    Throttle anonymous clients at ``settings.API_THROTTLE_RATE``, counted in the
    ``settings.THROTTLE_CACHE`` cache, which every process shares when it is Redis.

    The client is ``REMOTE_ADDR``, or the address the trusted proxies saw
    (``NUM_PROXIES``, DRF's ``get_ident``). A budget is a window that opens at
    the client's first request and lasts the rate's period. Each request is one
    atomic increment (Redis INCR), so neither other processes nor simultaneous
    requests can see a stale count, as they can with DRF's read-then-write history.

    The rate and the cache are read on every request rather than once at import
    (as DRF's ``DEFAULT_THROTTLE_RATES`` and ``cache`` are), so that a settings
    change takes effect.
    """

    scope = "api"

    @property
    def cache(self):
        return caches[settings.THROTTLE_CACHE]

    def get_rate(self):
        rate = settings.API_THROTTLE_RATE
        return None if rate is None or str(rate).strip().lower() in OFF else rate

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        return self._count() <= self.num_requests

    def _count(self):
        """Count this request in the client's window and return how many it holds."""
        cache = self.cache
        if cache.add(self.key, 1, self.duration):
            # Only for Retry-After: when the window opened.
            cache.set(f"{self.key}:opened", self.now, self.duration)
            return 1
        try:
            return cache.incr(self.key)
        except ValueError:
            # The window closed between add() and incr(): this request opens the next.
            return self._count()

    def wait(self):
        opened = self.cache.get(f"{self.key}:opened", self.now)
        return max(opened + self.duration - self.now, 1)
