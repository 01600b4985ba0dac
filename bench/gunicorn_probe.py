"""gunicorn config for bench/forms_bench.py only: the settings under test, plus a per-worker tally
of what the server did, so a benchmark row can say where a request's time went on the server.

    gunicorn -c bench/gunicorn_probe.py [the mode's own arguments]

BENCH_BASE_CONF (optional) is read first, so production runs with deploy/gunicorn.conf.py's own
settings; command-line arguments (make run's) override a config file, as in gunicorn itself.
BENCH_PROBE_DIR gets one file per worker, named by its pid: a memory map of counters that
forms_bench.py reads between phases. For each request served (gthread workers):
  - queued: from the moment the worker's main thread handed the connection to its thread pool
    (a new connection, or a kept-alive one that became readable) until a thread started on it;
  - in app: from then until the response was written;
  - handed back: from then until the worker's main thread took the connection back (to watch it
    for her next request on a kept-alive connection, or to close it). A request she sends
    meanwhile waits unseen, so this is part of the next request's latency.
wrk's latency minus these is time in the kernel's queues and wrk itself.
And for the registrations' group commit on SQLite (forms_service.database), per batch:
  - writer wait: from the leader asking for the writer lock (thread lock + flock shared by the
    workers) until it holds it;
  - writer hold: from then until it lets go (the batch's SQL, its COMMIT and fsync);
  - batch size: registrations in that one transaction (bucket n = n registrations).
  On PostgreSQL the group commit batches too but takes no writer lock: the wait is 0 and the
  hold is the batch's transaction, its COMMIT waiting for the WAL flush.
Histograms in 1-ms buckets (the last holds everything above), cost a few microseconds a request.
"""
from __future__ import annotations

import mmap
import os
import runpy
import time
from pathlib import Path

BUCKETS = 1000
# Layout of the counter file, unsigned 64-bit: requests, then the six histograms.
REQUESTS, QUEUED, IN_APP, HANDED_BACK = 0, 1, 1 + BUCKETS, 1 + 2 * BUCKETS
WRITER_WAIT, WRITER_HOLD, BATCH = 1 + 3 * BUCKETS, 1 + 4 * BUCKETS, 1 + 5 * BUCKETS
SLOTS = 1 + 6 * BUCKETS

_base = os.environ.get("BENCH_BASE_CONF")
if _base:
    globals().update({k: v for k, v in runpy.run_path(_base).items() if not k.startswith("__")})


def post_fork(server, worker):
    import sys

    from gunicorn.workers import gthread

    if os.environ.get("BENCH_SWITCH_INTERVAL"):  # an experiment's knob: the GIL's switch interval, in seconds
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL"]))

    path = Path(os.environ["BENCH_PROBE_DIR"]) / str(os.getpid())
    path.write_bytes(b"\0" * 8 * SLOTS)
    with open(path, "r+b") as f:
        counters = memoryview(mmap.mmap(f.fileno(), 8 * SLOTS)).cast("Q")
    clock = time.perf_counter
    worker_class = gthread.ThreadWorker
    enqueue, handle_request, finish_request = (worker_class.enqueue_req, worker_class.handle_request,
                                               worker_class.finish_request)

    def stamped_enqueue(self, conn):
        conn.bench_queued_at = clock()
        return enqueue(self, conn)

    def timed_handle_request(self, req, conn):
        started = clock()
        try:
            return handle_request(self, req, conn)
        finally:
            ended = clock()
            counters[REQUESTS] += 1
            counters[QUEUED + min(int((started - conn.bench_queued_at) * 1000), BUCKETS - 1)] += 1
            counters[IN_APP + min(int((ended - started) * 1000), BUCKETS - 1)] += 1
            # A kept-alive connection's next request is queued again by stamped_enqueue;
            # a second request already buffered on it is read without queueing.
            conn.bench_queued_at = conn.bench_done_at = ended

    def timed_finish_request(self, conn, fs):
        done = getattr(conn, "bench_done_at", None)
        if done is not None:
            counters[HANDED_BACK + min(int((clock() - done) * 1000), BUCKETS - 1)] += 1
            conn.bench_done_at = None
        return finish_request(self, conn, fs)

    worker_class.enqueue_req = stamped_enqueue
    worker_class.handle_request = timed_handle_request
    worker_class.finish_request = timed_finish_request
    _probe_group_commit(counters, clock)


def _probe_group_commit(counters, clock) -> None:
    from contextlib import contextmanager

    from forms_service import database

    writer, run = database._the_writer, database._run

    def ms(seconds: float) -> int:
        return min(int(seconds * 1000), BUCKETS - 1)

    @contextmanager
    def timed_writer(engine):
        asked = clock()
        with writer(engine):
            held = clock()
            counters[WRITER_WAIT + ms(held - asked)] += 1
            try:
                yield
            finally:
                counters[WRITER_HOLD + ms(clock() - held)] += 1

    def counted_run(batch, engine):
        counters[BATCH + min(len(batch), BUCKETS - 1)] += 1
        return run(batch, engine)

    database._the_writer, database._run = timed_writer, counted_run


def read_counters(path: Path) -> list[int]:
    data = memoryview(path.read_bytes()).cast("Q")
    return list(data)
