"""The production stack on 127.0.0.1, from Debian packages and the files in deploy/:

    nginx (deploy/nginx/tawasul.conf.in, rendered by `python -m tawasul nginx-config`, HTTPS with a
      throwaway self-signed certificate) ─┬─ the built site from disk
                                          └─ /forms/ → gunicorn (ExecStart of deploy/systemd/tawasul-forms.service,
                                             deploy/gunicorn.conf.py, 2 workers, environment from
                                             deploy/tawasul.env.example) → PostgreSQL + Redis

Only ports, paths, the secret and the host name differ from what an operator installs. Every
server runs unprivileged (nginx as www-data, PostgreSQL as postgres, Redis as nobody when we are
root), from a temporary folder, and is stopped, bounded, at the end. Used by tests/stack and by
`make bench` (bench/budgets.py).
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from . import ROOT, SAMPLE_TODAY
from .store import commit_tree
from .local_services import (as_user, free_port, pg_admin, private_dir, private_postgres, private_redis, stop,
                            wait_for_port)

BIN = Path(sys.executable).parent
DEPLOY = ROOT / "deploy"
INSTALLED_APP = "/srv/tawasul/app"  # where the systemd units expect the checkout
SECRET = "stack-secret-" + "s" * 40
NGINX_USER = "www-data"

# The outer nginx.conf an operator gets from Debian (/etc/nginx/nginx.conf), reduced to a
# private prefix: Debian's modules (brotli when installed) and MIME types, then our server file.
NGINX_MAIN = """\
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
include /etc/nginx/modules-enabled/*.conf;
worker_processes 2;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/tawasul.conf;
}}
"""


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them (comments and blanks skipped)."""
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def unit_commands(unit: str, key: str = "ExecStart") -> list[list[str]]:
    """The command lines of a systemd unit in deploy/systemd, with the installed checkout's
    paths mapped to this one (its venv and folder)."""
    text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
    commands = []
    for value in re.findall(rf"^{key}=(.+)$", text, flags=re.M):
        argv = shlex.split(value)
        argv[0] = argv[0].replace(f"{INSTALLED_APP}/.venv/bin/", f"{BIN}/")
        commands.append(argv)
    return commands


def content_copy(dest: Path) -> Path:
    """The sample content, in a folder that becomes the content repository the service commits to."""
    for folder in ("content", "campaigns", "events"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


@dataclass
class Stack:
    post_limit: str = "5/minute;60/hour"
    workers: int = 2
    # Extra event files, {"2026/slug.yml": text}, in the content from the start (every worker
    # reads them at boot, rather than each noticing a new file on its own schedule).
    extra_events: dict = field(default_factory=dict)
    origin: str = ""
    http_origin: str = ""
    certificate: Path | None = None
    database_url: str = ""
    redis_url: str = ""
    env: dict = field(default_factory=dict)
    nginx_prefix: Path | None = None
    processes: dict = field(default_factory=dict)
    # A folder the unprivileged servers may enter (pytest's tmp_path is private to its user).
    work: Path = field(default_factory=lambda: private_dir("tawasul-stack-"))

    @property
    def content(self) -> Path:
        return self.work / "content"

    @property
    def site(self) -> Path:
        return self.work / "site"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # else REQUESTS_CA_BUNDLE would replace our certificate
        session.verify = str(self.certificate)
        return session

    def build_site(self) -> None:
        done = subprocess.run([str(BIN / "python"), "-m", "tawasul", "build", str(self.site)], cwd=ROOT,
                              env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]

    def run_unit(self, unit: str) -> subprocess.CompletedProcess:
        """A oneshot unit's ExecStart, with the service's environment, as systemd would run it."""
        (command,) = unit_commands(unit)
        return subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120)

    def flask(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "flask"), "--app", "forms_service", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120, **kwargs)

    def nginx_errors(self) -> str:
        log = self.nginx_prefix / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""

    # --- starting each part ---------------------------------------------------------------------

    def _service_env(self, database_url: str, redis_url: str, gunicorn_port: int) -> dict:
        settings = env_file(DEPLOY / "tawasul.env.example")
        settings.update(SECRET_KEY=SECRET, DATABASE_URL=database_url, FORMS_RATELIMIT_STORAGE=redis_url,
                        FORMS_BIND=f"127.0.0.1:{gunicorn_port}", FORMS_WORKERS=str(self.workers),
                        TAWASUL_CONTENT_ROOT=str(self.content), TAWASUL_SITE_DIR=str(self.site),
                        TAWASUL_SITE_URL=self.origin + "/", TAWASUL_CONTENT_REMOTE="")  # no remote here
        return {**os.environ, **settings, "TAWASUL_TODAY": SAMPLE_TODAY, "NO_MKDOCS_2_WARNING": "1",
                # Knobs the tests turn: the minimum fill time, and a limit small enough to reach.
                "FORMS_MIN_SECONDS": "1", "FORMS_POST_LIMIT": self.post_limit}

    def _certificate(self) -> tuple[Path, Path]:
        tls = self.work / "tls"
        tls.mkdir()
        cert, key = tls / "cert.pem", tls / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        if os.geteuid() == 0:
            shutil.chown(key, NGINX_USER)
        return cert, key

    def _gunicorn(self, stack: ExitStack) -> None:
        for command in unit_commands("tawasul-forms.service", "ExecStartPre"):
            done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr[-3000:]
        (command,) = unit_commands("tawasul-forms.service")
        log = self.work / "gunicorn.log"
        output = stack.enter_context(open(log, "wb"))
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        stack.callback(stop, process, 20)
        self.processes["gunicorn"] = process
        wait_for_port(int(self.env["FORMS_BIND"].rsplit(":", 1)[1]), process, 60, log)

    def _publish_worker(self, stack: ExitStack) -> None:
        """tawasul-publish.service's command, over this stack's content repository (which holds
        content only, so the worker builds with this checkout's MkDocs project)."""
        (command,) = unit_commands("tawasul-publish.service")
        command = command[:command.index("publish-worker") + 1] + [str(self.site), "--repo", str(self.content),
                                                                   "--project", str(ROOT)]
        output = stack.enter_context(open(self.work / "publish.log", "wb"))
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        stack.callback(stop, process, 20)
        self.processes["publish"] = process

    def _nginx(self, stack: ExitStack, https_port: int, http_port: int, gunicorn_port: int, key: Path) -> None:
        prefix = self.nginx_prefix = private_dir("tawasul-nginx-", owner=NGINX_USER)
        stack.callback(shutil.rmtree, prefix, True)
        for sub in ("tmp", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (prefix / sub).mkdir()
            if os.geteuid() == 0:
                shutil.chown(prefix / sub, NGINX_USER)
        # Debian's module snippets say `load_module modules/…`, relative to the prefix.
        (prefix / "modules").symlink_to("/usr/lib/nginx/modules")
        rendered = subprocess.run(
            [str(BIN / "python"), "-m", "tawasul", "nginx-config", str(self.site), "--server-name", "127.0.0.1",
             "--origin", self.origin, "--listen", f"127.0.0.1:{https_port}", "--http-listen", f"127.0.0.1:{http_port}",
             "--forms", f"127.0.0.1:{gunicorn_port}", "--certificate", str(self.certificate), "--key", str(key)],
            cwd=ROOT, capture_output=True, text=True, check=True)
        (prefix / "tawasul.conf").write_text(rendered.stdout, encoding="utf-8")
        (prefix / "nginx.conf").write_text(NGINX_MAIN.format(prefix=prefix), encoding="utf-8")
        nginx = as_user(NGINX_USER) + ["/usr/sbin/nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                       "-e", str(prefix / "error.log")]
        checked = subprocess.run(nginx + ["-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(nginx + ["-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        stack.callback(stop, process, 10)
        self.processes["nginx"] = process
        wait_for_port(https_port, process, 30, prefix / "error.log")

    @contextmanager
    def running(self):
        with ExitStack() as stack:
            stack.callback(shutil.rmtree, self.work, True)
            postgres = stack.enter_context(private_postgres(max_connections=100))
            name = "tawasul_" + uuid.uuid4().hex[:8]
            pg_admin(postgres, f"CREATE DATABASE {name}")
            self.database_url = f"{postgres}/{name}"
            self.redis_url = stack.enter_context(private_redis())
            https_port, http_port, gunicorn_port = free_port(), free_port(), free_port()
            self.origin, self.http_origin = f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}"
            self.certificate, key = self._certificate()
            self.env = self._service_env(self.database_url, self.redis_url, gunicorn_port)
            content_copy(self.content)
            for name, text in self.extra_events.items():
                (self.content / "events" / name).write_text(text, encoding="utf-8")
            commit_tree(self.content)
            self.build_site()
            self._gunicorn(stack)
            self._publish_worker(stack)
            self._nginx(stack, https_port, http_port, gunicorn_port, key)
            yield self


def start_stack(**options):
    """`with start_stack() as stack:` — the whole stack, stopped and removed on leaving."""
    return Stack(**options).running()


def open_event(stack) -> str:
    """A sample event that takes registrations today (the forms index links to them)."""
    index = stack.session().get(stack.url("/forms/"), timeout=30)
    return re.search(r"/forms/events/([a-z0-9-]+)/register", index.text).group(1)
