"""`make bench`: the quality budgets of guide §6, measured in one place on the production stack
(tests/stack/loopback_stack.py: nginx, gunicorn with 2 workers, PostgreSQL, Redis on 127.0.0.1),
printed as one table with met / MISSED.

- first-view weight per page type: the HTML, CSS, JS and fonts Chromium loads for a first view
  (as bench/page_weight.py counts them), each file's bytes as nginx really sends them with gzip;
- Lighthouse (npm `lighthouse`, package.json) mobile scores against Debian's Chromium for home,
  a centre page, an event page and the registration form;
- axe-core violations on every page type, site and forms;
- the synthetic large site's build time (bench/build_bench.py, one round, MkDocs only), and a
  re-publish after editing one of its events (with the build cache of the build before);
- form-service throughput and p99 through nginx (bench/forms_bench.py's wrk measurement).

The machine is shared: seconds and requests per second are noisy; compare within one run.
    .venv/bin/python bench/budgets.py [--seconds 5] [--skip-build]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# The benchmark scripts beside this one, and the production stack the tests start (tests/support).
sys.path[:0] = [str(BENCH), str(ROOT / "tests")]

import forms_bench  # noqa: E402
import forms_cpu  # noqa: E402
from page_weight import COUNTED  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.live import seats_by_state  # noqa: E402
from support.local_services import pg_admin  # noqa: E402
from support.loopback_stack import open_event, start_stack  # noqa: E402
from support.stack_browser import page_types  # noqa: E402

OUT = BENCH / "out"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
WEIGHT_KB, PERFORMANCE, ACCESSIBILITY, BUILD_SECONDS, P99_MS, POST_SHARE = 60, 95, 100, 30, 150, 0.25
# Guide §6: a form GET p99 < 100 ms at 32 concurrent clients (the POST and trivial route: < 150 ms).
GET_P99_MS = 100
REPUBLISH_SECONDS = 10


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, value: str, budget: str, met: bool | None) -> None:
        self.rows.append((what, value, budget, "—" if met is None else ("met" if met else "MISSED")))
        print(f"  {what}: {value} ({budget})", flush=True)

    def print(self) -> None:
        widths = [max(len(row[i]) for row in self.rows + [("measure", "value", "budget", "")]) for i in range(4)]
        line = "  ".join
        print("\n" + line(h.ljust(w) for h, w in zip(("measure", "value", "budget", ""), widths)))
        print(line("-" * w for w in widths))
        for row in self.rows:
            print(line(cell.ljust(w) for cell, w in zip(row, widths)))


def first_view_bytes(stack, browser, path: str) -> int:
    """The HTML, CSS, JS and fonts a first view loads (page_weight.COUNTED: not the favicon, not
    data fetched later), each at its size on the wire with gzip from nginx."""
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url) if r.resource_type in COUNTED else None)
    page.goto(stack.url(path), wait_until="load")
    context.close()
    total = 0
    for url in dict.fromkeys(urls):
        answer = stack.session().get(url, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=30)
        total += len(answer.raw.read(decode_content=False))
    return total


def axe_count(stack, browser, path: str) -> list[str]:
    context = browser.new_context(ignore_https_errors=True, bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(stack.url(path), wait_until="load")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id + ' (' + v.nodes.length + ')')")
    context.close()
    return found


def lighthouse(stack, name: str, path: str) -> dict:
    """Mobile (the default form factor), performance and accessibility, Debian's Chromium."""
    report = OUT / f"lighthouse-{name.replace(' ', '-')}.json"
    flags = " ".join(["--headless=new", "--ignore-certificate-errors", *CHROMIUM_ARGS])
    for _attempt in range(3):  # on a busy machine Lighthouse sometimes loses the trace (NO_NAVSTART)
        done = subprocess.run([str(LIGHTHOUSE), stack.url(path), "--quiet", "--output=json", f"--output-path={report}",
                               "--only-categories=performance,accessibility", f"--chrome-flags={flags}"],
                              env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240)
        if done.returncode == 0:
            break
    else:
        raise SystemExit(f"lighthouse failed three times on {path}:\n{done.stderr[-2000:]}")
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {key: round(100 * categories[key]["score"]) for key in ("performance", "accessibility")}


def build_time(table: Table) -> None:
    script = BENCH / "build_bench.py"
    if not script.exists():
        table.add("synthetic large site build (s)", "not measured", f"≤ {BUILD_SECONDS} s",
                  None)
        print("    bench/build_bench.py is not in this checkout yet")
        return
    out = OUT / "budgets-build"
    subprocess.run([sys.executable, str(script), "--rounds", "1", "--no-compare", "--out", str(out)], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    result = json.loads((out / "build_bench.json").read_text(encoding="utf-8"))
    total = result["builds"]["mkdocs"]["median"] + min(result["pagefind_seconds"])
    table.add("synthetic large site build, MkDocs --strict + Pagefind (s)", f"{total:.1f}", f"≤ {BUILD_SECONDS} s",
              total <= BUILD_SECONDS)
    table.add("largest event page HTML (KB)", f"{result['event_kb_max']:.1f}", "≤ 20 KB", result["event_kb_max"] <= 20)
    republish = result["republish"]["runs"][0]
    table.add("re-publish after editing one event, same site, build cache on (s)",
              f"{republish['seconds']:.1f} (CPU {republish['cpu']:.1f} s, {republish['rendered']} pages rendered)",
              f"≤ {REPUBLISH_SECONDS} s", republish["seconds"] <= REPUBLISH_SECONDS)


def forms_throughput(stack, table: Table, seconds: int) -> None:
    """forms_bench's wrk runs, through nginx over HTTPS, on PostgreSQL with Redis rate limits."""
    base = stack.url("/forms")
    # Warm-up first, as in forms_bench: each worker's first renders compile templates.
    forms_bench.wrk(f"{base}/events/{forms_bench.SLUG}/register", 2, 32)
    runs = {"trivial": forms_bench.wrk(base + "/health", seconds, 32),
            "register GET": forms_bench.wrk(f"{base}/events/{forms_bench.SLUG}/register", seconds, 32),
            "register POST": forms_bench.wrk(stack.origin, seconds, 32, env=forms_bench.prepared_post(base, OUT, stack.session),
                                             script=BENCH / "forms_post.lua")}
    for name, run in runs.items():
        budget = GET_P99_MS if name == "register GET" else P99_MS
        table.add(f"forms {name} through nginx, PostgreSQL: p99 (ms) at 32 clients", f"{run['p99_ms']:.0f} "
                  f"({run['rps']:.0f} req/s, {run['errors']} errors)", f"< {budget} ms, 0 errors",
                  run["p99_ms"] < budget and run["errors"] == 0)
    share = runs["register POST"]["rps"] / runs["trivial"]["rps"]
    table.add("registration POST / trivial route throughput", f"{share:.0%}", f"≥ {POST_SHARE:.0%}", share >= POST_SHARE)
    seats = seats_by_state(stack.database_url, forms_bench.SLUG)
    table.add("oversold places", f"{max(0, seats.get('confirmed', 0) - forms_bench.CAPACITY)} "
              f"({seats.get('confirmed', 0)} confirmed, {seats.get('waitlisted', 0)} waiting)", "0",
              seats.get("confirmed", 0) <= forms_bench.CAPACITY)
    # Beside them, what wrk's figures cannot show on a shared machine: CPU per request, in
    # process, on a fresh database of the same PostgreSQL server with the same Redis.
    server, fresh = stack.database_url.rsplit("/", 1)[0], "budgets_cpu"
    pg_admin(server, f"CREATE DATABASE {fresh}")
    cpu = forms_cpu.measure(database=f"{server}/{fresh}", ratelimit_storage=stack.redis_url)
    for name, ms in cpu.items():
        table.add(f"forms {name}, in process, PostgreSQL + Redis: CPU ms per request", f"{ms:.3f} "
                  f"({ms / cpu['trivial']:.1f}x trivial)", "—", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="per wrk run")
    parser.add_argument("--skip-build", action="store_true", help="leave out the synthetic large-site build")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    table = Table()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)
    from playwright.sync_api import sync_playwright

    # forms_bench's event (500 places) is in the content from the start, for the POSTs.
    bench_event = {f"2026/{forms_bench.SLUG}.yml": forms_bench.EVENT}
    with start_stack(post_limit="1000000/minute", extra_events=bench_event) as stack, sync_playwright() as p:
        print(f"stack up at {stack.origin}", flush=True)
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"])
        types = {**{k: v for k, v in page_types(stack.site).items() if k != "404"},
                 "registration form": f"/forms/events/{open_event(stack)}/register"}
        for name, path in types.items():
            weight = first_view_bytes(stack, browser, path) / 1024
            table.add(f"first view, gzip: {name} (KB)", f"{weight:.1f}", f"≤ {WEIGHT_KB} KB", weight <= WEIGHT_KB)
        violations = {name: axe_count(stack, browser, path) for name, path in types.items()}
        bad = {name: found for name, found in violations.items() if found}
        table.add(f"axe-core violations on {len(types)} page types",
                  f"{sum(len(v) for v in bad.values())} rules on {len(bad)} pages", "0", not bad)
        for name, found in bad.items():
            print(f"    {name}: {', '.join(found)}")
        browser.close()
        scored = {"home": types["home"], "centre": types["centre"], "event": types["event"],
                  "registration form": types["registration form"]}
        for name, path in scored.items():
            scores = lighthouse(stack, name, path)
            table.add(f"Lighthouse mobile, {name}: performance / accessibility",
                      f"{scores['performance']} / {scores['accessibility']}", f"≥ {PERFORMANCE} / {ACCESSIBILITY}",
                      scores["performance"] >= PERFORMANCE and scores["accessibility"] >= ACCESSIBILITY)
        forms_throughput(stack, table, args.seconds)
    if not args.skip_build:
        build_time(table)
    table.print()
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}: a shared machine, so times and "
          "rates are noisy; weights, scores and counts are not")
    return 0


if __name__ == "__main__":
    sys.exit(main())
