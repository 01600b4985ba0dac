"""Rate limits hold across gunicorn's workers: the counters live in the shared Redis, so a client
gets exactly FORMS_POST_LIMIT form submissions whichever worker answers each one. Each test
client has its own loopback address (127.0.0.x), which nginx passes on in X-Forwarded-For."""
from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

import redis
from requests.adapters import HTTPAdapter
from support.loopback_stack import open_event

PER_MINUTE = 5  # the stack's FORMS_POST_LIMIT: 5/minute;60/hour


class FromAddress(HTTPAdapter):
    """Connections from one source address, as if from another machine."""

    def __init__(self, address: str):
        self.address = address
        super().__init__(pool_connections=1, pool_maxsize=16)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client(stack, address: str):
    session = stack.session()
    session.mount("https://", FromAddress(address))
    return session


def burst(stack, address: str, path: str, count: int) -> list[int]:
    """`count` form submissions at once (so both workers are busy), without a valid form."""
    session = client(stack, address)
    with ThreadPoolExecutor(8) as pool:
        answers = pool.map(lambda _: session.post(stack.url(path), data={"name": "x"}, timeout=30).status_code,
                           range(count))
        return sorted(answers)


def worker_pids(stack) -> list[str]:
    master = stack.processes["gunicorn"].pid
    return subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()


def test_the_limit_is_shared_by_every_worker(stack):
    assert len(worker_pids(stack)) >= 2
    path = f"/forms/events/{open_event(stack)}/register"
    answers = burst(stack, "127.0.0.2", path, 3 * PER_MINUTE)
    assert answers.count(429) == 2 * PER_MINUTE, answers
    assert all(code == 400 for code in answers if code != 429), answers  # refused forms, shown again
    # The counters are in Redis, under a hash of the address (never the address itself).
    keys = [key.decode() for key in redis.Redis.from_url(stack.redis_url).keys("*")]
    assert keys and not any("127.0.0.2" in key for key in keys), keys


def test_the_limit_is_per_client_and_per_form_submission(stack):
    path = f"/forms/events/{open_event(stack)}/register"
    assert 429 in burst(stack, "127.0.0.3", path, PER_MINUTE + 1)
    other = client(stack, "127.0.0.4")
    assert other.post(stack.url(path), data={"name": "x"}, timeout=30).status_code == 400
    # Reading is never limited, even for the client that is.
    limited = client(stack, "127.0.0.3")
    assert all(limited.get(stack.url(path), timeout=30).status_code == 200 for _ in range(PER_MINUTE + 1))
