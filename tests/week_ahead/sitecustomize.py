"""The machine's clock a week ahead, for every Python process of a test run (`make
test-week-ahead`): this folder goes on PYTHONPATH, so pytest and every server it starts (gunicorn,
`flask`, the publish worker) import this module at start-up and see the wall clock moved by
TAWASUL_CLOCK_SHIFT_DAYS. time-machine moves only the wall clock (time.time, datetime.now,
date.today…); monotonic time, sleeps and timed waits run as usual. libfaketime cannot do that
here (README, "Tests"). Chromium is not Python: its pages get the tests' today from Playwright's
clock (tests/conftest.py)."""
import os

_DAYS = int(os.environ.get("TAWASUL_CLOCK_SHIFT_DAYS") or 0)
if _DAYS:
    from datetime import datetime, timedelta, timezone

    import time_machine

    time_machine.travel(datetime.now(timezone.utc) + timedelta(days=_DAYS), tick=True).start()
