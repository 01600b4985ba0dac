"""The processes a coordinator's save goes through on its way to the site, started for real: the
publish worker (`python -m tawasul publish-worker`) and the `make run` server (gunicorn with the
static site and the form service on one origin). Each runs with the tests' own today."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from . import ROOT, SAMPLE_TODAY
from .local_services import free_port

BIN = Path(sys.executable).parent


@contextmanager
def publish_worker(site: Path, repo: Path, log: Path):
    """The worker building `repo`'s branch into `site`; stopped at the end."""
    env = {**os.environ, "TAWASUL_TODAY": SAMPLE_TODAY}
    env.pop("TAWASUL_CONTENT_ROOT", None)
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "tawasul", "publish-worker", str(site), "--repo", str(repo)],
                                   env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=60)


@contextmanager
def devserver(env: dict, log: Path):
    """`forms_service.devserver:app` under gunicorn on a free port; yields its base URL."""
    port = free_port()
    with open(log, "wb") as out:
        server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
                                   "--workers", "2", "--threads", "2", "--no-control-socket",
                                   "forms_service.devserver:app"],
                                  env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if requests.get(base + "/forms/health", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.1)
            else:
                raise AssertionError(log.read_text(errors="replace"))
            yield base
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)


def fetched_when(url: str, condition, timeout: float = 120) -> str:
    """The text at `url` once `condition(text)` holds (the worker publishes in the background)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        answer = requests.get(url, timeout=10)
        text = answer.text if answer.status_code == 200 else ""
        if text and condition(text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show what was expected in {timeout} s:\n{text[:2000]}")
