"""A failed login takes as long whatever the reason, so its timing does not tell which usernames
exist: unknown name, wrong password of a real account, disabled account, locked account.

This is the one timing ratio the issue asks for (issue 11 §2): the medians of 30 attempts per
case, on the same machine in the same run, differ by less than 20% (support/timing.py: in one of up to three rounds, since a real gap shows in
every round and a burst of load in one). The attempts are interleaved
(one of each case per round, in a shuffled order) so a burst of load from other processes hits every case alike, and
Argon2 is set heavy enough to dominate a request (about 0.1 s here; the suite's light setting
would let a database write decide the ratio instead)."""
from __future__ import annotations

import random
import time
from datetime import timedelta

from support.admin import admin_app, create_accounts, csrf_of
from support.timing import medians_agree
from sqlalchemy import update

from forms_service.admin_models import Coordinator
from forms_service.extensions import db
from forms_service.models import utcnow
from forms_service.services import accounts

ATTEMPTS = 30


def test_every_failed_login_costs_the_same(database_url, content, tmp_path):
    app = admin_app(database_url, content, tmp_path, ADMIN_LOCKOUT_AFTER=10**6, ARGON2_TIME_COST=1,
                    ARGON2_MEMORY_KIB=32768, ARGON2_PARALLELISM=1)
    with app.app_context():
        create_accounts()
        accounts.create("nadia", "نادية", accounts.Role.governorate, "jenin", "nadia-disabled-pass-4", with_totp=False, actor="cli")
        accounts.set_disabled("nadia", True, actor="cli")
        db.session.execute(update(Coordinator).where(Coordinator.username == "rasha")
                           .values(locked_until=utcnow() + timedelta(days=1)))
        db.session.commit()
    cases = {"unknown name": "nobody-here", "wrong password": "huda", "disabled": "nadia", "locked": "rasha"}
    browsers = {}
    for case, username in cases.items():
        client = app.test_client()
        form = {"csrf_token": csrf_of(client.get("/admin/login").get_data(as_text=True)), "username": username,
                "password": "not-the-password-1", "code": ""}
        browsers[case] = (client, form)
        assert client.post("/admin/login", data=form).status_code == 401  # warm-up: connections, caches
    order, shuffle = list(browsers), random.Random(11).shuffle

    def one_round() -> dict[str, list[float]]:
        durations = {case: [] for case in cases}
        for _ in range(ATTEMPTS):
            shuffle(order)  # no case always runs right after another
            for case in order:
                client, form = browsers[case]
                started = time.perf_counter()
                answer = client.post("/admin/login", data=form)
                durations[case].append(time.perf_counter() - started)
                assert answer.status_code == 401
        return durations
    medians_agree(one_round)
