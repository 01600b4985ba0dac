"""Rate limits: on form submissions and the coordinators' login, checked only when a POST
reaches them; reading a page is never limited (tests/stack/test_stack_rate_limits.py).

Flask-Limiter looks at every request twice: a hook before each request (for default,
application and blueprint limits) and the route's decorator when the view runs. The service
puts limits on routes only, so the hook found nothing, at a third of the trivial route's CPU
(0.055 of 0.153 ms); it is removed here. The routes' limits are checked by `posts_limited`
itself, with Flask-Limiter's configured store and strategy (`limiter.limiter`) and its keys,
as its decorator checks them: per client and per view, the shortest window first, stopping at
the first one exceeded (whose hit is counted; later ones are not), 429 on a breach. The
decorator spent ~0.2 ms of a POST's CPU finding what posts_limited knows when the route is
declared (which limits, for which view), parsing the limit's text again and computing the
client's key once per limit; bench/forms_cpu.py measures it.

The counters of one process (`memory://`, the default outside production) are kept by
`LockedMemoryStorage` below, not by `limits`' MemoryStorage; production's Redis is untouched.
"""
from __future__ import annotations

import threading
import time
from functools import lru_cache, wraps

from flask import Flask, request
from limits import RateLimitItem, parse_many
from limits.storage import Storage
from werkzeug.exceptions import TooManyRequests

from .extensions import client_key, limiter

# Limits that only Flask-Limiter's before-request hook applies (its configuration names).
_HOOK_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    if not any(app.config.get(name) for name in _HOOK_LIMITS):
        app.before_request_funcs[None].remove(limiter._check_request_limit)


def posts_limited(limit_value):
    """A route whose POSTs are limited to `limit_value()` (e.g. "10/minute;60/hour") per client
    (extensions.client_key); its GETs go to the view without the limiter."""
    def wrap(view):
        scope = f"{view.__module__}.{view.__qualname__}"  # Flask-Limiter's name for the view

        @wraps(view)  # keeps the view's marks (csrf_in_form, large_body) for security.py
        def dispatch(*args, **kwargs):
            if request.method == "POST" and limiter.enabled and limiter.initialized:
                _hit(_limits(limit_value()), scope)
            return view(*args, **kwargs)
        return dispatch
    return wrap


@lru_cache(maxsize=16)
def _limits(text: str) -> tuple[RateLimitItem, ...]:
    return tuple(sorted(parse_many(text)))  # by window length, as Flask-Limiter orders them


def _hit(limits: tuple[RateLimitItem, ...], scope: str) -> None:
    key, strategy = client_key(), limiter.limiter
    for limit in limits:
        if not strategy.hit(limit, key, scope):
            raise TooManyRequests()


class LockedMemoryStorage(Storage):
    """The `memory://` store of fixed-window counters (the service's strategy), behind one lock.

    `limits` 5.8.0's MemoryStorage expires keys from a timer thread that each hit restarts when
    it has stopped. Two requests at once could both replace it and start the same one: a 500
    ("threads can only be started once", alisaifee/limits#26), or a request that never returns
    when both got past `start`'s own check (tests/forms/test_forms_rate_limit_store.py). No
    newer `limits` is on the package index. Here a hit sweeps expired keys itself, at most once
    a second, so no thread is ever started; a window counts exactly as before: it opens at its
    first hit and lasts the limit's period.

    Declaring the scheme `memory` makes `memory://` (config.py, the tests) mean this class.
    """

    STORAGE_SCHEME = ["memory"]
    SWEEP_SECONDS = 1.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, float]] = {}  # key -> (hits, the window's end)
        self._next_sweep = 0.0

    @property
    def base_exceptions(self):
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            hits, end = self._windows.get(key, (0, 0.0))
            if end <= now:
                hits, end = 0, now + expiry
            hits += amount
            self._windows[key] = (hits, end)
            return hits

    def get(self, key: str) -> int:
        hits, end = self._windows.get(key, (0, 0.0))
        return hits if end > time.time() else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        hits, end = self._windows.get(key, (0, now))
        return end if end > now else now

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        with self._lock:
            count = len(self._windows)
            self._windows.clear()
        return count

    def clear(self, key: str) -> None:
        with self._lock:
            self._windows.pop(key, None)

    def _sweep(self, now: float) -> None:
        self._windows = {key: window for key, window in self._windows.items() if window[1] > now}
        self._next_sweep = now + self.SWEEP_SECONDS
