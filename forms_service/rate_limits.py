"""Rate limits: on form submissions and the coordinators' login, checked only when a POST
reaches them; reading a page is never limited (tests/stack/test_stack_rate_limits.py).

Flask-Limiter looks at every request twice: a hook before each request (for default,
application and blueprint limits) and the route's decorator when the view runs. The service
puts limits on routes only, so the hook found nothing, at a third of the trivial route's CPU
(0.055 of 0.153 ms), and the decorator found nothing on a form's GET (0.04 ms, with the hook
a quarter of the GET). Both are skipped here; bench/forms_cpu.py measures them.

The counters of one process (`memory://`, the default outside production) are kept by
`LockedMemoryStorage` below, not by `limits`' MemoryStorage; production's Redis is untouched.
"""
from __future__ import annotations

import threading
import time
from functools import wraps

from flask import Flask, request
from limits.storage import Storage

from .extensions import limiter

# Limits that only Flask-Limiter's before-request hook applies (its configuration names).
_HOOK_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    if not any(app.config.get(name) for name in _HOOK_LIMITS):
        app.before_request_funcs[None].remove(limiter._check_request_limit)


def posts_limited(limit_value):
    """A route whose POSTs are limited to `limit_value` per client (extensions.client_key);
    its GETs go to the view without the limiter."""
    decorate = limiter.limit(limit_value, methods=["POST"])

    def wrap(view):
        checked = decorate(view)

        @wraps(view)  # keeps the view's marks (csrf_in_form, large_body) for security.py
        def dispatch(*args, **kwargs):
            return (checked if request.method == "POST" else view)(*args, **kwargs)
        return dispatch
    return wrap


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
