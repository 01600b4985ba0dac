"""How gunicorn serves the service (README «Serving»): a listening socket per worker where the
kernel hands a stopping worker's waiting connections to the others (else one shared socket), and
the loaded app frozen out of the garbage collector's full passes. Both were measured causes of
the form GET's p99 tail (issue 17)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from support import ROOT

MIGRATE = Path("/proc/sys/net/ipv4/tcp_migrate_req")


def test_workers_listen_on_sockets_of_their_own_only_where_reloads_lose_nothing(stack):
    master = stack.processes["gunicorn"].pid
    workers = set(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())
    port = stack.env["FORMS_BIND"].rsplit(":", 1)[1]
    listening = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    owners = [set(re.findall(r"pid=(\d+)", line)) for line in listening.splitlines()]
    assert len(workers) >= 2, listening
    if MIGRATE.exists() and MIGRATE.read_text().strip() == "1":
        assert len(owners) == len(workers), listening  # one line per worker, none shared
        assert all(len(pids) == 1 for pids in owners) and set().union(*owners) == workers, listening
    else:  # a reload would reset the connections waiting on a stopping worker's own socket
        assert len(owners) == 1 and workers | {str(master)} <= owners[0], listening


def test_the_production_entry_point_freezes_the_loaded_app(tmp_path):
    env = {**os.environ, "FORMS_ENV": "production", "SECRET_KEY": "serving-" + "s" * 40,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'forms.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", "import gc, forms_service.wsgi; print(gc.get_freeze_count())"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) > 50_000  # the catalogue, templates and mappers: ~150,000 objects
