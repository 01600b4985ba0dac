"""gunicorn settings for the form service in production:

    FORMS_ENV=production SECRET_KEY=… DATABASE_URL=… \
        gunicorn -c deploy/gunicorn.conf.py forms_service.wsgi:app

nginx serves the static site and passes /forms/ to this address unchanged (FORMS_URL_PREFIX).
"""
import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("FORMS_BIND", "127.0.0.1:8001")
worker_class = "gthread"
# Measured on 2 cores (notes of issue 17, bench/forms_bench.py): 4 workers x 4 threads served
# form GETs as well as 2 x 4 or 4 x 2 within the noise, and threads are what lets POSTs overlap
# their waits on PostgreSQL and Redis; so two workers per core, four threads each.
workers = int(os.environ.get("FORMS_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("FORMS_THREADS", 4))


def _kernel_hands_over_queued_connections() -> bool:
    """net.ipv4.tcp_migrate_req=1 (Linux >= 5.14): a closing listener's waiting connections go
    to the other sockets of its reuse_port group instead of being reset."""
    try:
        return Path("/proc/sys/net/ipv4/tcp_migrate_req").read_text().strip() == "1"
    except OSError:
        return False


# One listening socket per worker, the kernel spreading new connections over them. On one shared
# socket the first worker to wake took most connections (kept-alive ones from nginx above all):
# 13,875 against 3,413 requests in one run, 6,260 against 0 in another, so one core queued while
# the other idled. But a worker that stops (a reload) then resets the connections waiting in its
# own queue: 2 and 6 failed requests over two reloads at 32 connections, none on a shared socket
# or with tcp_migrate_req=1. So only where the kernel hands them over (README «Serving»).
reuse_port = _kernel_hands_over_queued_connections()
timeout = 30
graceful_timeout = 20
# No access log: the manage pages' URLs carry private tokens. Errors only, without form data.
accesslog = None
errorlog = "-"
# Only the local nginx may say which scheme and client a request came from.
forwarded_allow_ips = os.environ.get("FORMS_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the app before forking: the content is read once, and a bad SECRET_KEY stops the master.
# wsgi.py then freezes the loaded objects (serving.settle), so no worker pauses for a full
# garbage collection over them (200-900 ms each under load before) and they stay shared pages.
preload_app = True
# gunicorn 27's control socket is one shared path per user; several instances would collide.
control_socket_disable = True
