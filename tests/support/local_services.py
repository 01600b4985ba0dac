"""Real servers from Debian packages, started privately on loopback for the tests and benchmarks:
a throwaway PostgreSQL cluster and a throwaway Redis. Each belongs to an unprivileged OS user
when we run as root (CI), listens on 127.0.0.1 only, lives in a temporary folder, and is stopped
(bounded) and removed at the end."""
from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_user(user: str) -> list[str]:
    """The command prefix that runs a server as `user` when we are root; servers such as
    PostgreSQL refuse to run as root, and the others have no need to."""
    return ["runuser", "-u", user, "--"] if os.geteuid() == 0 else []


def private_dir(prefix: str, owner: str | None = None) -> Path:
    """A temporary folder others may enter (mkdtemp makes it 0700), owned by `owner` if root."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    home.chmod(0o755)
    if owner and os.geteuid() == 0:
        shutil.chown(home, owner)
    return home


def wait_for_port(port: int, process: subprocess.Popen | None = None, seconds: float = 30, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}: " + (log.read_text(errors="replace") if log else ""))
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def stop(process: subprocess.Popen, seconds: float = 10) -> None:
    """SIGTERM to the process group (started with start_new_session: the server and `runuser`),
    then SIGKILL after `seconds`: never wait for ever at the end of a run."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=seconds)


# --- PostgreSQL ----------------------------------------------------------------------------------

def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    assert found, "PostgreSQL is not installed (make test installs the Debian package)"
    return Path(found[-1])


def pg_admin(server: str, sql: str) -> None:
    import psycopg
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def private_postgres(max_connections: int = 300):
    """initdb into a temp dir and start on 127.0.0.1:<free port>; yields the server URL
    (`postgresql://postgres@127.0.0.1:PORT`, trust authentication, loopback only)."""
    pg = pg_bin()
    home = private_dir("tawasul-pg-", owner="postgres")
    as_pg = as_user("postgres")
    data, port = home / "data", free_port()
    subprocess.run(as_pg + [str(pg / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                            "--no-locale"], check=True, capture_output=True)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c max_connections={max_connections}"
    subprocess.run(as_pg + [str(pg / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w", "-o", options,
                            "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(as_pg + [str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-t", "30", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(home, ignore_errors=True)


# --- Redis ---------------------------------------------------------------------------------------

@contextmanager
def private_redis(user: str = "nobody"):
    """redis-server on 127.0.0.1:<free port>, nothing saved to disk; yields `redis://…/0`."""
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    assert Path(redis).exists(), "redis-server is not installed (make test installs the Debian package)"
    home = private_dir("tawasul-redis-", owner=user)
    port = free_port()
    log = home / "log"
    process = subprocess.Popen(as_user(user) + [redis, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                                "--appendonly", "no", "--dir", str(home), "--logfile", str(log),
                                                "--protected-mode", "yes"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for_port(port, process, log=log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)
        shutil.rmtree(home, ignore_errors=True)
