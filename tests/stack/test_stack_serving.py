"""How gunicorn serves the service (README «Serving»): a listening socket per worker, so the
kernel spreads connections over them, and the loaded app frozen out of the garbage collector's
full passes. Both were measured causes of the form GET's p99 tail (issue 17)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from support import ROOT


def test_each_worker_listens_on_a_socket_of_its_own(stack):
    master = stack.processes["gunicorn"].pid
    workers = set(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())
    port = stack.env["FORMS_BIND"].rsplit(":", 1)[1]
    listening = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    owners = [set(re.findall(r"pid=(\d+)", line)) for line in listening.splitlines()]
    # One shared socket would be one line owned by the master and every worker.
    assert len(workers) >= 2 and len(owners) == len(workers), listening
    assert all(len(pids) == 1 for pids in owners) and set().union(*owners) == workers, listening


def test_the_production_entry_point_freezes_the_loaded_app(tmp_path):
    env = {**os.environ, "FORMS_ENV": "production", "SECRET_KEY": "serving-" + "s" * 40,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'forms.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", "import gc, forms_service.wsgi; print(gc.get_freeze_count())"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) > 50_000  # the catalogue, templates and mappers: ~150,000 objects
