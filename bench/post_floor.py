"""What ratio of registration POST to trivial route this machine allows AT BEST, with every
guarantee kept: the "floor POST" (floor_app.py: body, CSRF check, one INSERT committed durably
through the service's group commit, 303) beside the trivial route and the real registration
POST, on the same server, in one run, alternating. 127.0.0.1 only, bounded in time.

Servers as bench/forms_bench.py starts them (`make run`'s gunicorn line and production's
deploy/gunicorn.conf.py with Redis, under bench/gunicorn_probe.py), SQLite and PostgreSQL, but
loading `floor_app:serve()`: the mode's own entry point with the floor routes mounted. Each round
starts a fresh server on a fresh database, warms it up, then runs wrk (32 connections) on each
phase in turn:

    trivial          GET /forms/health
    register GET     the registration form
    floor no-write   POST /forms/bench/floor/no-write: HTTP + Flask + session + CSRF, no database
    floor POST       POST /forms/bench/floor: the same + one durable INSERT
    register POST    the real registration (forms_post.lua, one opened form per POST)

The floor phases post the very pages the real POST then posts (same cookie, same body, same size).
Per phase: rps, p99, and CPU milliseconds per request, split by who spent them: the server's
processes (user / system), wrk, the database server (PostgreSQL's processes; SQLite is in the
server), Redis, and the whole machine (/proc/stat: everything running, other people's work too).
At the end, in process (forms_cpu.py's way, no HTTP), the CPU per request of the same routes.

    .venv/bin/python bench/post_floor.py [--seconds 6] [--rounds 3] [--modes "make run,production"]
        [--databases sqlite,postgresql] [--layouts own] [--phases …] [--requests 300]

--layouts "own,2x2,4x1" runs each round once per workers x threads layout (make run's command
line; production's FORMS_WORKERS / FORMS_THREADS), to see what a layout does to the GET's p99.
Figures go to bench/out/post_floor.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import floor_app  # noqa: E402
import forms_bench  # noqa: E402  (puts tests/ on the path for support.*)
import forms_cpu  # noqa: E402
from support.local_services import private_redis  # noqa: E402

ROOT = BENCH.parent
PHASES = ("trivial", "register GET", "floor no-write", "floor POST", "register POST")
# Not run unless asked (--phases): the GET and real POSTs at once, half the connections each,
# to see whether GETs queue behind POSTs (it needs a second set of opened forms).
MIXED = "GET beside POSTs"
POSTS = {"floor no-write": floor_app.NO_WRITE_PATH, "floor POST": floor_app.PATH}


# --- who spent the CPU ---------------------------------------------------------------------------

def _cpu(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of a process, 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _pids_whose_command_has(*parts: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if all(part in command for part in parts):
                found.append(int(entry.name))
    return found


def _kernel_threads() -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found.append((int(entry.name), (entry / "comm").read_text().strip()))
            except OSError:
                continue
    return found


class Meter:
    """CPU of the processes of one measured setup, grouped, plus wrk's (this process's reaped
    children) and the whole machine's ticks."""

    def __init__(self, server: forms_bench.Server, database_url: str, redis_url: str):
        self.server = server
        self.postmaster = self.redis = None
        if database_url.startswith("postgresql"):
            port = database_url.rsplit(":", 1)[1].split("/", 1)[0]
            self.postmaster = next(iter(_pids_whose_command_has("postgres", f"-p {port} ")), None)
        if redis_url:
            port = redis_url.rsplit(":", 1)[1].split("/", 1)[0]
            self.redis = next(iter(_pids_whose_command_has("redis-server", f":{port}")), None)
        # The kernel's journal threads write the file system's journal on each fsync (ext4):
        # CPU the commit costs that no process of ours is charged with. Other writers share them.
        self.journal = [p for p in _kernel_threads() if p[1].startswith("jbd2/")]

    def groups(self) -> dict[str, list[int]]:
        groups = {"server": list(self.server.processes().values())}
        if self.postmaster:
            groups["database"] = [self.postmaster, *_children(self.postmaster)]
        if self.redis:
            groups["redis"] = [self.redis]
        if self.journal:
            groups["jbd2"] = [pid for pid, _ in self.journal]
        return groups

    def snapshot(self) -> dict:
        cpu = {name: {pid: _cpu(pid) for pid in pids} for name, pids in self.groups().items()}
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu["wrk"] = {0: (children.ru_utime, children.ru_stime)}
        ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return {"cpu": cpu, "ticks": ticks, "at": time.monotonic()}


def cpu_per_request(before: dict, after: dict, requests: int) -> dict:
    """Milliseconds of CPU per request: each group's user and system; the machine's busy time
    (all but idle and iowait, of every process on it); the machine's idle share."""
    per = {}
    for name, pids in after["cpu"].items():
        user = sum(u - before["cpu"].get(name, {}).get(pid, (0.0, 0.0))[0] for pid, (u, _) in pids.items())
        system = sum(s - before["cpu"].get(name, {}).get(pid, (0.0, 0.0))[1] for pid, (_, s) in pids.items())
        per[name] = {"user": 1000 * user / max(requests, 1), "system": 1000 * system / max(requests, 1)}
    delta = [a - b for a, b in zip(after["ticks"], before["ticks"])]
    tick, total = os.sysconf("SC_CLK_TCK"), sum(delta[:8])
    idle = delta[3] + delta[4]
    per["ours"] = sum(g["user"] + g["system"] for name, g in per.items() if name != "jbd2")
    per["machine"] = 1000 * (total - idle) / tick / max(requests, 1)
    # /proc/stat's softirq column: packets on loopback, counted to no process
    per["machine softirq"] = 1000 * delta[6] / tick / max(requests, 1)
    per["machine idle %"] = round(100 * idle / max(total, 1))
    return per


# --- one server, one round -------------------------------------------------------------------------

OWN = "own"  # the mode's own layout: make run's 2 x 4, production's deploy/gunicorn.conf.py (4 x 4 on 2 cores)


@contextmanager
def _layout(mode: str, layout: str):
    """The mode's gunicorn command line with floor_app as its app, and `layout` (workers x
    threads, or OWN). forms_bench.Server reads forms_bench.MODES, and production's conf reads the
    environment, so both are set for the server's lifetime and put back."""
    saved, saved_env = dict(forms_bench.MODES), {k: os.environ.get(k) for k in ("FORMS_WORKERS", "FORMS_THREADS")}
    args = [a for a in forms_bench.MODES[mode] if not a.endswith(":app")]
    if layout != OWN:
        workers, threads = layout.split("x")
        if mode == "production":
            os.environ.update(FORMS_WORKERS=workers, FORMS_THREADS=threads)
        else:
            args[args.index("--workers") + 1], args[args.index("--threads") + 1] = workers, threads
    forms_bench.MODES[mode] = [*args, "--pythonpath", str(BENCH), "floor_app:serve()"]
    try:
        yield
    finally:
        forms_bench.MODES.clear()
        forms_bench.MODES.update(saved)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _phase(server, meter, url: str, seconds: int, connections: int, **wrk_args) -> dict:
    """forms_bench's measured run, with the CPU every process spent on it."""
    before = meter.snapshot()
    result = forms_bench.measured(server, url, seconds, connections, **wrk_args)
    result["cpu_ms"] = cpu_per_request(before, meter.snapshot(), result["requests"])
    return result


def _together(server, meter, get_url: str, post_url: str, posted: dict, seconds: int, connections: int) -> dict:
    """The GET and the real POST at once, each on half the connections. CPU per request is of
    both together; the probe's queues are of both too."""
    from concurrent.futures import ThreadPoolExecutor

    before, probed = meter.snapshot(), server.snapshot()
    with ThreadPoolExecutor(2) as pool:
        get = pool.submit(forms_bench.wrk, get_url, seconds, connections // 2)
        post = pool.submit(forms_bench.wrk, post_url, seconds, connections - connections // 2, env=posted,
                           script=ROOT / "bench/forms_post.lua")
        result, result["POSTs"] = get.result(), post.result()
    after = meter.snapshot()
    result["server"] = forms_bench.server_side(probed, server.snapshot())
    result["cpu_ms"] = cpu_per_request(before, after, result["requests"] + result["POSTs"]["requests"])
    result["load"] = round(os.getloadavg()[0], 2)
    return result


def one_round(mode: str, layout: str, work: Path, site: Path, database_url: str, redis_url: str,
              seconds: int, connections: int, phases: tuple[str, ...], pages: int) -> dict:
    floor_app.create_table(database_url)
    with _layout(mode, layout):
        server = forms_bench.Server(mode, work, site, database_url, redis_url)
    meter, base = Meter(server, database_url, redis_url), server.base
    origin = base.rsplit("/forms", 1)[0]
    register = f"{base}/events/{forms_bench.SLUG}/register"
    row = {}
    try:
        row["warm-up"] = _phase(server, meter, register, 2, connections)
        posted = None
        for phase in phases:
            if phase in POSTS or phase == "register POST":
                # One set of opened forms per round, fetched before the first POST phase and
                # outside any timed phase: the floor phases reuse them (they use up no page).
                posted = posted or forms_bench.prepared_post(base, work, pages=pages)
            if phase == "trivial":
                row[phase] = _phase(server, meter, base + "/health", seconds, connections)
            elif phase == "register GET":
                row[phase] = _phase(server, meter, register, seconds, connections)
            elif phase in POSTS:
                row[phase] = _phase(server, meter, origin, seconds, connections,
                                    env={**posted, "BENCH_PATH": "/forms" + POSTS[phase]},
                                    script=ROOT / "bench/forms_post.lua")
            elif phase == "register POST":
                row[phase] = _phase(server, meter, origin, seconds, connections, env=posted,
                                    script=ROOT / "bench/forms_post.lua")
            else:  # MIXED, last: the real POST phase has used up the first set of forms
                fresh = forms_bench.prepared_post(base, work, pages=pages)
                row[phase] = _together(server, meter, register, origin, fresh, seconds, connections)
    finally:
        server.stop()
    if "floor POST" in row:
        # Every 303 the floor gave is a row on disk (wrk may stop with a few more committed).
        row["floor rows"] = floor_app.count(database_url)
    if "register POST" in row:
        confirmed, waiting = forms_bench.confirmed_and_waiting(database_url)
        row["registrations"] = confirmed + waiting
        row["oversold"] = confirmed > forms_bench.CAPACITY
    return row


# --- in process ------------------------------------------------------------------------------------

class InProcess(forms_cpu.Measured):
    """forms_cpu's app and calls, with the floor routes mounted before its first request."""

    def __init__(self, work: Path, database: str | None = None, ratelimit_storage: str = "memory://"):
        import forms_service

        create_app = forms_service.create_app
        forms_service.create_app = lambda config=None: floor_app.mount(create_app(config))
        try:
            super().__init__(work, database, ratelimit_storage)
        finally:
            forms_service.create_app = create_app

    def _posted_to(self, path: str):
        """The real POST's body (made before the clock starts, as forms_cpu makes it), to `path`."""
        if not self.bodies:
            self.stock_time_tokens(1)
        return forms_cpu._call(self.wsgi, forms_cpu._environ("POST", path, self.cookie, self.bodies.pop()))

    def routes(self) -> dict:
        return {**super().routes(),
                "floor no-write": (lambda: self._posted_to(floor_app.NO_WRITE_PATH), "303"),
                "floor POST": (lambda: self._posted_to(floor_app.PATH), "303")}


def in_process(database_url: str, requests: int) -> dict[str, dict[str, float]]:
    """forms_cpu's figure (CPU ms per request, warm, time tokens signed beforehand), and that
    CPU split into user and system time (an fsync's work is system time)."""
    work = Path(tempfile.mkdtemp(prefix="post-floor-cpu-"))
    try:
        if database_url.startswith("sqlite"):
            database_url = f"sqlite:///{work / 'cpu.sqlite3'}"
        floor_app.create_table(database_url)
        measured = InProcess(work, database_url)
        figures = {}
        for name, (call, expected) in measured.routes().items():
            measured.stock_time_tokens(20 + requests)
            for _ in range(20):
                if not call()[0].startswith(expected):
                    raise SystemExit(f"{name}: not {expected}")
            before = resource.getrusage(resource.RUSAGE_SELF)
            for _ in range(requests):
                call()
            after = resource.getrusage(resource.RUSAGE_SELF)
            user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
            figures[name] = {"cpu": 1000 * (user + system) / requests, "user": 1000 * user / requests,
                             "system": 1000 * system / requests}
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- report ----------------------------------------------------------------------------------------

def _print_phase(name: str, phase: str, r: dict) -> None:
    c, s = r["cpu_ms"], r["server"]
    groups = ", ".join(f"{g} {c[g]['user']:.2f}+{c[g]['system']:.2f}" for g in ("server", "wrk", "database", "redis", "jbd2")
                       if g in c)
    print(f"{name:34} {phase:15} {r['rps']:7.0f} rps  p50 {r['p50_ms']:6.1f}  p99 {r['p99_ms']:6.1f} ms  "
          f"errors {r['errors']}  ({r['requests']} req)  load {r['load']}", flush=True)
    print(f"{'':34} {'':15} CPU ms/req user+sys: {groups}; ours {c['ours']:.2f}; machine {c['machine']:.2f} "
          f"(softirq {c['machine softirq']:.2f}, idle {c['machine idle %']} %); server: queued p50/p99 "
          f"{s['queued_ms']['p50']:.0f}/{s['queued_ms']['p99']:.0f}, in app {s['in_app_ms']['p50']:.0f}/"
          f"{s['in_app_ms']['p99']:.0f}, handed back {s['handed_back_ms']['p50']:.0f}/"
          f"{s['handed_back_ms']['p99']:.0f} ms", flush=True)


def summary(rounds: list[dict], phases: tuple[str, ...]) -> dict:
    """Medians over the rounds of one setup; the ratios are taken within each round, then the median."""
    out = {}
    for phase in phases:
        rows = [r[phase] for r in rounds if phase in r]
        out[phase] = {"rps": statistics.median(r["rps"] for r in rows),
                      "p99_ms": statistics.median(r["p99_ms"] for r in rows),
                      "errors": sum(r["errors"] for r in rows),
                      "ours_cpu_ms": statistics.median(r["cpu_ms"]["ours"] for r in rows),
                      "machine_cpu_ms": statistics.median(r["cpu_ms"]["machine"] for r in rows)}
    if "trivial" in phases:
        for phase in ("floor no-write", "floor POST", "register POST"):
            if phase in phases:
                out[f"{phase} / trivial, rps"] = statistics.median(r[phase]["rps"] / r["trivial"]["rps"]
                                                                   for r in rounds)
                # What the ratio would be with the machine to ourselves: CPU per request, inverted.
                out[f"{phase} / trivial, by our CPU"] = statistics.median(
                    r["trivial"]["cpu_ms"]["ours"] / r[phase]["cpu_ms"]["ours"] for r in rounds)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--modes", default="make run,production")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--layouts", default=OWN, help=f"workers x threads, comma-separated, or {OWN}: the mode's own")
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--pages", type=int, default=4000, help="opened forms per round (one per real POST)")
    parser.add_argument("--requests", type=int, default=300, help="in-process calls per route (0: skip)")
    parser.add_argument("--out", default=str(ROOT / "bench/out/post_floor.json"))
    args = parser.parse_args(argv)
    phases = tuple(p for p in (*PHASES, MIXED) if p in args.phases.split(","))
    modes, kinds, layouts = args.modes.split(","), args.databases.split(","), args.layouts.split(",")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench-forms does it)")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)
    work = Path(tempfile.mkdtemp(prefix="post-floor-"))
    results: dict = {"load at start": os.getloadavg(), "setups": {}, "in process": {}}
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        forms_bench.content_copy(work / "content-root")
        site = ROOT / "site"
        if not (site / "index.html").exists():
            import subprocess

            site = work / "site"
            subprocess.run([str(forms_bench.BIN / "python"), "-m", "tawasul", "build", str(site)], cwd=ROOT,
                           check=True, env={**os.environ, "TAWASUL_TODAY": forms_bench.TODAY,
                                            "TAWASUL_CONTENT_ROOT": str(work / "content-root")})
        databases = forms_bench.Databases(stack, work)
        redis_url = stack.enter_context(private_redis()) if "production" in modes else ""
        for kind in kinds:
            for mode in modes:
                for round_ in range(args.rounds):
                    for layout in layouts:
                        name = f"{mode}, {kind}, {layout}"
                        rounds = results["setups"].setdefault(name, [])
                        url = databases.fresh(kind)
                        row = one_round(mode, layout, work, site, url, redis_url if mode == "production" else "",
                                        args.seconds, args.connections, phases, args.pages)
                        rounds.append(row)
                        for phase in ("warm-up", *phases):
                            _print_phase(f"{name} #{round_ + 1}", phase, row[phase])
                            if phase == MIXED:
                                p = row[phase]["POSTs"]
                                print(f"{'':34} {'':15} beside it, register POST {p['rps']:.0f} rps, p99 "
                                      f"{p['p99_ms']:.1f} ms, errors {p['errors']}", flush=True)
                        print(f"{name} #{round_ + 1}: " + ", ".join(
                            f"{k} {row[k]}" for k in ("floor rows", "registrations", "oversold") if k in row), flush=True)
        for name, rounds in list(results["setups"].items()):
            results.setdefault("summary", {})[name] = s = summary(rounds, phases)
            print(f"\n{name}, median of {len(rounds)} rounds:")
            for phase in phases:
                p = s[phase]
                print(f"  {phase:15} {p['rps']:7.0f} rps  p99 {p['p99_ms']:6.1f} ms  errors {p['errors']}  "
                      f"CPU ms/req ours {p['ours_cpu_ms']:.2f}, machine {p['machine_cpu_ms']:.2f}")
            for key, value in s.items():
                if "/ trivial" in key:
                    print(f"  {key:38} {value:.1%}")
        if args.requests:
            for kind in kinds:
                figures = results["in process"][kind] = in_process(databases.fresh(kind), args.requests)
                print(f"\nin process, {kind}:\n" + forms_cpu.report({k: v["cpu"] for k, v in figures.items()}))
                print("  of which user / system: " + "; ".join(f"{k} {v['user']:.3f} / {v['system']:.3f}"
                                                             for k, v in figures.items()), flush=True)
    results["load at end"] = os.getloadavg()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
