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
def publish_worker(site: Path, repo: Path, log: Path, project: Path | None = None):
    """The worker building `repo`'s branch into `site`; stopped at the end. `project`: the MkDocs
    files to build with, when the repository holds content only (as `make serve` passes)."""
    env = {**os.environ, "TAWASUL_TODAY": SAMPLE_TODAY}
    env.pop("TAWASUL_CONTENT_ROOT", None)
    extra = ["--project", str(project)] if project else []
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "tawasul", "publish-worker", str(site), "--repo", str(repo),
                                    *extra],
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


@contextmanager
def editing_stack(tmp_path: Path, content: Path, *accounts: tuple[list[str], str]):
    """Everything a web edit goes through, over the content repository `content`: the database
    migrated, the accounts made with `flask coordinators create` (each: its arguments and the
    password typed at the prompt), the publish worker, and the `make run` server. Yields the
    server's base URL and what each create command printed (a ministry account's TOTP secret)."""
    from .admin import LIGHT_ARGON2
    from .forms import SECRET

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'forms.sqlite3'}", "TAWASUL_CONTENT_ROOT": str(content),
           "TAWASUL_SITE_DIR": str(tmp_path / "site"), "TAWASUL_TODAY": SAMPLE_TODAY, "SECRET_KEY": SECRET,
           "FORMS_CONTENT_CHECK_SECONDS": "0", **{f"FORMS_{k}": str(v) for k, v in LIGHT_ARGON2.items()}}
    flask = [str(BIN / "flask"), "--app", "forms_service"]
    subprocess.run(flask + ["db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    printed = []
    for arguments, password in accounts:
        created = subprocess.run(flask + ["coordinators", "create", *arguments], env=env, cwd=ROOT,
                                 input=password + "\n", capture_output=True, text=True)
        assert created.returncode == 0, created.stderr
        printed.append(created.stdout)
    with publish_worker(tmp_path / "site", content, tmp_path / "worker.log"), \
            devserver(env, tmp_path / "server.log") as base:
        yield base, printed
