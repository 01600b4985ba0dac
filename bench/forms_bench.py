"""Form-service load test on 127.0.0.1, bounded in time: the trivial route, the registration
GET and the registration POST, at 32 concurrent connections, with wrk (Debian's package).

It runs the service as `make run` starts it (the site + forms composition, the Makefile's
gunicorn command line, rate limits in each worker's memory, the outbox worker beside it) and as production starts it
(gunicorn -c deploy/gunicorn.conf.py forms_service.wsgi:app, rate limits in Redis), each on
SQLite and on PostgreSQL (a throwaway cluster started as the tests start it,
tests/support/local_services.py), so the two databases show side by side. Each run gets a fresh
database and a copy of the sample content with one extra event (capacity 500, waiting list on),
so the POSTs are real registrations.

Protections stay on: every POST carries a form opened for it (session cookie, CSRF token and a
single-use time token aged past the minimum). Only the per-client rate limit is raised (one load generator is one client).

Each server runs under bench/gunicorn_probe.py, which adds, per worker, requests served and
time queued / in the app / handed back; wrk starts once every worker is serving, after a warm-up.

Budget (guide §6): POST rps >= 25% of the trivial route's, p99 < 150 ms (the form GET's < 100 ms),
zero errors, no oversell.
It ends with the in-process CPU milliseconds per request of the same three routes (forms_cpu.py)
on each database, the figures that stay stable on a shared machine.
    .venv/bin/python bench/forms_bench.py [--seconds 5] [--connections 32]
        [--modes "make run,production"] [--databases sqlite,postgresql]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode

import requests
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import forms_cpu  # noqa: E402
import gunicorn_probe  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "tests"))
# One set of helpers for tests and benchmarks: free ports, throwaway PostgreSQL and Redis.
from support.live import seats_by_state  # noqa: E402
from support.local_services import free_port, pg_admin, private_postgres, private_redis  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = "2026-11-29"
SLUG, CAPACITY = "bench-workshop", 500
EVENT = f"""title: ورشة قياس الأداء
type: workshop
start: 2026-12-10 10:00
end: 2026-12-10 12:00
centre: jenin
venue: {{name: قاعة, address: جنين}}
audience: النساء
summary: فعالية يولّدها اختبار الأداء.
registration: {{capacity: {CAPACITY}, opens: "2026-11-01", closes: "2026-12-08"}}
"""
MODES = {
    "make run": ["--worker-class", "gthread", "--workers", "2", "--threads", "4", "--reuse-port", "--preload",
                 "--no-control-socket", "forms_service.devserver:app"],
    "production": ["-c", str(ROOT / "deploy/gunicorn.conf.py"), "forms_service.wsgi:app"],
}


def content_copy(dest: Path) -> Path:
    for folder in ("content", "campaigns", "events"):
        shutil.copytree(ROOT / folder, dest / folder)
    (dest / "events/2026").mkdir(parents=True, exist_ok=True)
    (dest / f"events/2026/{SLUG}.yml").write_text(EVENT, encoding="utf-8")
    return dest


PRODUCTION_CONF = ROOT / "deploy/gunicorn.conf.py"


def expected_layout(mode: str) -> tuple[int, int]:
    """(workers, listening sockets) the mode must have before wrk may start: with reuse_port each
    worker opens its own socket after the fork, and a socket not yet open gets none of wrk's 32
    connections, which then all land on the workers already up (one run measured the trivial
    route on one of two workers: 1,734 rps instead of about 4,300)."""
    if mode == "production":
        conf = runpy.run_path(str(PRODUCTION_CONF))
        workers = conf["workers"]
        return workers, workers if conf["reuse_port"] else 1
    args = MODES[mode]
    workers = int(args[args.index("--workers") + 1])
    return workers, workers if "--reuse-port" in args else 1


def listening_sockets(port: int) -> int:
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A")


class Server:
    """One gunicorn under test, probed (bench/gunicorn_probe.py), and `make run`'s outbox worker
    beside it in that mode, as the Makefile starts it."""

    def __init__(self, mode: str, work: Path, site: Path, database_url: str, redis_url: str = ""):
        port = free_port()
        self.mode, self.probes = mode, Path(tempfile.mkdtemp(prefix="probe-", dir=work))
        env = {**os.environ, "TAWASUL_TODAY": TODAY, "TAWASUL_CONTENT_ROOT": str(work / "content-root"),
               "TAWASUL_SITE_DIR": str(site), "DATABASE_URL": database_url, "FORMS_MIN_SECONDS": "1",
               "FORMS_POST_LIMIT": "1000000/minute", "FORMS_BIND": f"127.0.0.1:{port}",
               "BENCH_PROBE_DIR": str(self.probes), "OUTBOX_FOLDER": str(work / "outbox")}
        if mode == "production":
            env.update(FORMS_ENV="production", SECRET_KEY="bench-" + "k" * 40, FORMS_SECURE_COOKIES="0",
                       BENCH_BASE_CONF=str(PRODUCTION_CONF))
            if redis_url:  # as deploy/tawasul.env.example: counters shared by the workers
                env["FORMS_RATELIMIT_STORAGE"] = redis_url
        subprocess.run([str(BIN / "flask"), "--app", "forms_service", "db", "upgrade"], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        args = ["-c", str(ROOT / "bench/gunicorn_probe.py")]
        if mode == "production":  # its config file is read by the probe's (BENCH_BASE_CONF)
            args += [a for a in MODES[mode] if a not in ("-c", str(PRODUCTION_CONF))]
        else:
            args += ["--bind", f"127.0.0.1:{port}", *MODES[mode]]
        self.process = subprocess.Popen([str(BIN / "gunicorn"), *args], env=env, cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.outbox = None
        if mode == "make run":
            self.outbox = subprocess.Popen([str(BIN / "flask"), "--app", "forms_service", "send-outbox"], env=env,
                                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}/forms"
        if not self.wait_until_serving(port):
            self.stop()
            raise SystemExit(f"{mode}: the server did not start {expected_layout(mode)} (workers, sockets)")

    def wait_until_serving(self, port: int) -> bool:
        workers, sockets = expected_layout(self.mode)
        for _ in range(600):
            if (len(self.workers()) == workers and len(list(self.probes.iterdir())) == workers
                    and listening_sockets(port) == sockets):
                try:
                    if requests.get(self.base + "/health", timeout=5).ok:
                        return True
                except requests.RequestException:
                    pass
            time.sleep(0.1)
        return False

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def processes(self) -> dict[str, int]:
        named = {f"worker {i + 1}": pid for i, pid in enumerate(sorted(self.workers()))}
        named["master"] = self.process.pid
        if self.outbox:
            named["outbox"] = self.outbox.pid
        return named

    def snapshot(self) -> dict:
        """CPU seconds (user+sys) of each process and the probes' counters of each worker."""
        cpu, tick = {}, os.sysconf("SC_CLK_TCK")
        for name, pid in self.processes().items():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                cpu[name] = (int(fields[11]) + int(fields[12])) / tick
            except OSError:
                cpu[name] = 0.0
        probes = {pid: gunicorn_probe.read_counters(self.probes / str(pid)) for pid in self.workers()
                  if (self.probes / str(pid)).exists()}
        # The whole machine's busy and idle ticks: whether CPU was left idle, or went to others.
        ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return {"at": time.monotonic(), "cpu": cpu, "probes": probes, "idle": ticks[3] + ticks[4], "all": sum(ticks)}

    def stop(self) -> None:
        for process in (self.outbox, self.process):
            if process:
                process.terminate()
                process.wait(timeout=30)


def _percentile(histogram: list[int], share: float) -> float:
    total, seen = sum(histogram), 0
    for ms, n in enumerate(histogram):
        seen += n
        if total and seen >= share * total:
            return float(ms)
    return float("nan")


def server_side(before: dict, after: dict) -> dict:
    """What the server did between two snapshots: per process CPU (% of one core), per worker
    requests, and the queued / in-app / handed-back distributions of all workers together (1-ms
    buckets, so a p50 of 0 means under a millisecond)."""
    wall = after["at"] - before["at"]
    cpu = {name: round(100 * (after["cpu"][name] - before["cpu"].get(name, 0.0)) / wall)
           for name in after["cpu"]}
    b = gunicorn_probe
    per_worker, queued, in_app, handed_back = [], [0] * b.BUCKETS, [0] * b.BUCKETS, [0] * b.BUCKETS
    for pid in sorted(after["probes"]):
        old = before["probes"].get(pid, [0] * b.SLOTS)
        delta = [x - y for x, y in zip(after["probes"][pid], old)]
        per_worker.append(delta[b.REQUESTS])
        queued = [x + y for x, y in zip(queued, delta[b.QUEUED:b.QUEUED + b.BUCKETS])]
        in_app = [x + y for x, y in zip(in_app, delta[b.IN_APP:b.IN_APP + b.BUCKETS])]
        handed_back = [x + y for x, y in zip(handed_back, delta[b.HANDED_BACK:b.HANDED_BACK + b.BUCKETS])]
    machine_idle = round(100 * (after["idle"] - before["idle"]) / max(after["all"] - before["all"], 1))
    return {"cpu_percent": cpu, "machine_idle_percent": machine_idle, "requests_per_worker": per_worker,
            "writer": writer_side(before, after),
            "queued_ms": {"p50": _percentile(queued, 0.5), "p99": _percentile(queued, 0.99)},
            "in_app_ms": {"p50": _percentile(in_app, 0.5), "p99": _percentile(in_app, 0.99)},
            "handed_back_ms": {"p50": _percentile(handed_back, 0.5), "p99": _percentile(handed_back, 0.99)}}


def writer_side(before: dict, after: dict) -> list[dict]:
    """Per worker, the group commit's batches: how many, registrations per batch (mean, max), and
    the writer lock's wait and hold (ms, p50/p99, and the share of the phase it was held)."""
    b, wall, rows = gunicorn_probe, after["at"] - before["at"], []
    for pid in sorted(after["probes"]):
        old = before["probes"].get(pid, [0] * b.SLOTS)
        delta = [x - y for x, y in zip(after["probes"][pid], old)]
        sizes, wait, hold = (delta[b.BATCH:b.BATCH + b.BUCKETS], delta[b.WRITER_WAIT:b.WRITER_WAIT + b.BUCKETS],
                             delta[b.WRITER_HOLD:b.WRITER_HOLD + b.BUCKETS])
        batches = sum(sizes)
        if not batches:
            continue
        rows.append({"batches": batches, "mean_batch": round(sum(n * k for n, k in enumerate(sizes)) / batches, 2),
                     "max_batch": max(n for n, k in enumerate(sizes) if k),
                     "wait_ms": (_percentile(wait, 0.5), _percentile(wait, 0.99)),
                     "hold_ms": (_percentile(hold, 0.5), _percentile(hold, 0.99)),
                     # 1-ms buckets, so half a bucket each: a rough share of the phase under the lock
                     "held_share": round(sum((ms + 0.5) * n for ms, n in enumerate(hold)) / 1000 / wall, 2)})
    return rows


def measured(server: Server, url: str, seconds: int, connections: int, **wrk_args) -> dict:
    before = server.snapshot()
    result = wrk(url, seconds, connections, **wrk_args)
    result["server"] = server_side(before, server.snapshot())
    result["load"] = round(os.getloadavg()[0], 2)
    return result


def _page(base: str, session: requests.Session) -> tuple[str, str, str]:
    """One opened form: (cookie, body without the contact, the page's URL)."""
    page = session.get(f"{base}/events/{SLUG}/register", timeout=10)
    form = BeautifulSoup(page.text, "html.parser").find("form")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") == "hidden"}
    fields.update(website="", name="سلمى", governorate="jenin", consent="y")
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    return cookie, urlencode(fields), page.url


def prepared_post(base: str, work: Path, session_factory=requests.Session, pages: int = 4000) -> dict:
    """Real browser visits, one opened form per POST: each page's time token is single-use (a
    replayed page gets 409), so wrk cycles through `pages` forms fetched beforehand, each with
    its own cookie, CSRF token and time token, aged past the minimum fill time."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        opened = list(pool.map(lambda _: _page(base, session_factory()), range(pages)))
    time.sleep(1.1)
    listing = work / "bench-pages.tsv"
    listing.write_text("".join(f"{cookie}\t{body}\n" for cookie, body, _ in opened), encoding="utf-8")
    return {"BENCH_PATH": f"/forms/events/{SLUG}/register", "BENCH_PAGES": str(listing),
            "BENCH_REFERER": opened[0][2]}


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * _UNITS[unit]


def wrk(url: str, seconds: int, connections: int, env: dict | None = None, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run(command + [url], env={**os.environ, **(env or {})}, capture_output=True, text=True,
                         timeout=seconds + 30).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
            "p99_ms": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
            "errors": errors + (int(bad.group(1)) if bad else 0),
            "requests": int(re.search(r"(\d+) requests in", out).group(1))}


def confirmed_and_waiting(database_url: str) -> tuple[int, int]:
    seats = seats_by_state(database_url, SLUG)
    return seats.get("confirmed", 0), seats.get("waitlisted", 0)


class Databases:
    """A fresh database per run: an SQLite file in the work folder, or a new database in one
    throwaway PostgreSQL cluster (started on first use, stopped at the end)."""

    def __init__(self, stack: ExitStack, work: Path):
        self.stack, self.work, self.server, self.made = stack, work, None, 0

    def fresh(self, kind: str) -> str:
        self.made += 1
        if kind == "sqlite":
            return f"sqlite:///{self.work / f'bench-{self.made}.sqlite3'}"
        if self.server is None:
            self.server = self.stack.enter_context(private_postgres())
        pg_admin(self.server, f"CREATE DATABASE bench_{self.made}")
        return f"{self.server}/bench_{self.made}"


def run_mode(mode: str, work: Path, site: Path, database_url: str, redis_url: str, seconds: int,
             connections: int) -> dict:
    server = Server(mode, work, site, database_url, redis_url)
    base = server.base
    try:
        # Warm-up: every worker has served (and compiled its templates) before anything is timed.
        row = {"warm-up": measured(server, f"{base}/events/{SLUG}/register", 2, connections)}
        row["trivial"] = measured(server, base + "/health", seconds, connections)
        row["register GET"] = measured(server, f"{base}/events/{SLUG}/register", seconds, connections)
        row["register POST"] = measured(server, base.rsplit("/forms", 1)[0], seconds, connections,
                                        env=prepared_post(base, work), script=ROOT / "bench/forms_post.lua")
    finally:
        server.stop()
    confirmed, waiting = confirmed_and_waiting(database_url)
    row["ratio_post_to_trivial"] = row["register POST"]["rps"] / row["trivial"]["rps"]
    row["stored"] = {"confirmed": confirmed, "waitlisted": waiting}
    row["oversold"] = confirmed > CAPACITY
    return row


P99_BUDGET_MS = {"trivial": 150, "register GET": 100, "register POST": 150}  # guide §6


def met(row: dict) -> bool:
    return (row["ratio_post_to_trivial"] >= 0.25 and not row["oversold"]
            and all(row[n]["p99_ms"] < budget and row[n]["errors"] == 0 for n, budget in P99_BUDGET_MS.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--modes", default=",".join(MODES), help="make run, production (comma-separated)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql (comma-separated)")
    args = parser.parse_args()
    modes, kinds = args.modes.split(","), args.databases.split(",")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench-forms does it)")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)
    work = Path(tempfile.mkdtemp(prefix="forms-bench-"))
    content_copy(work / "content-root")
    site = ROOT / "site"
    if not (site / "index.html").exists():
        site = work / "site"
        subprocess.run([str(BIN / "python"), "-m", "tawasul", "build", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "TAWASUL_TODAY": TODAY, "TAWASUL_CONTENT_ROOT": str(work / "content-root")})
    results, ok = {}, True
    out = ROOT / "bench/out"
    out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        databases = Databases(stack, work)
        redis_url = stack.enter_context(private_redis()) if "production" in modes else ""
        for kind in kinds:
            for mode in modes:
                name = f"{mode}, {kind}"
                row = results[name] = run_mode(mode, work, site, databases.fresh(kind),
                                               redis_url if mode == "production" else "", args.seconds, args.connections)
                for route in ("warm-up", "trivial", "register GET", "register POST"):
                    r = row[route]
                    print(f"{name:22} {route:14} {r['rps']:8.0f} rps  p50 {r['p50_ms']:6.1f} ms  "
                          f"p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}  ({r['requests']} requests)", flush=True)
                    s = r["server"]
                    print(f"{'':22} {'':14} server: queued p50/p99 {s['queued_ms']['p50']:.0f}/"
                          f"{s['queued_ms']['p99']:.0f} ms, in app {s['in_app_ms']['p50']:.0f}/"
                          f"{s['in_app_ms']['p99']:.0f} ms, handed back {s['handed_back_ms']['p50']:.0f}/"
                          f"{s['handed_back_ms']['p99']:.0f} ms; per worker {s['requests_per_worker']}; CPU % "
                          + ", ".join(f"{k} {v}" for k, v in s["cpu_percent"].items())
                          + f"; machine idle {s['machine_idle_percent']} %; load {r['load']}",
                          flush=True)
                    for i, w in enumerate(s["writer"]):
                        print(f"{'':22} {'':14} writer, worker {i + 1}: {w['batches']} batches of {w['mean_batch']} "
                              f"(max {w['max_batch']}); wait p50/p99 {w['wait_ms'][0]:.0f}/{w['wait_ms'][1]:.0f} ms, "
                              f"hold {w['hold_ms'][0]:.0f}/{w['hold_ms'][1]:.0f} ms, held {w['held_share']:.0%} "
                              "of the phase", flush=True)
                print(f"{name:22} POST/trivial {row['ratio_post_to_trivial']:.0%}; stored {row['stored']['confirmed']} "
                      f"confirmed + {row['stored']['waitlisted']} waiting (capacity {CAPACITY}); "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
                ok &= met(row)
        (out / "forms.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        print("budget (POST >= 25% of trivial, p99 < 150 ms (GET < 100 ms), 0 errors, no oversell):",
              "met" if ok else "MISSED")
        # Beside wrk's figures, which swing with whatever else the machine runs: CPU per request.
        # Each database with the limiter in memory, and PostgreSQL with production's Redis too.
        setups = [(kind, kind, "memory://") for kind in kinds]
        if redis_url and "postgresql" in kinds:
            setups.append(("postgresql + Redis limiter", "postgresql", redis_url))
        results["cpu_ms_per_request"] = {}
        for name, kind, storage in setups:
            cpu = forms_cpu.measure(database=databases.fresh(kind), ratelimit_storage=storage)
            results["cpu_ms_per_request"][name] = cpu
            print(f"{name}:\n{forms_cpu.report(cpu)}", flush=True)
    (out / "forms.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
