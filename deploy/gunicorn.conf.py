"""gunicorn settings for the form service in production:

    FORMS_ENV=production SECRET_KEY=… DATABASE_URL=… \
        gunicorn -c deploy/gunicorn.conf.py forms_service.wsgi:app

nginx serves the static site and passes /forms/ to this address unchanged (FORMS_URL_PREFIX).
"""
import multiprocessing
import os

bind = os.environ.get("FORMS_BIND", "127.0.0.1:8001")
worker_class = "gthread"
workers = int(os.environ.get("FORMS_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("FORMS_THREADS", 4))
timeout = 30
graceful_timeout = 20
# No access log: the manage pages' URLs carry private tokens. Errors only, without form data.
accesslog = None
errorlog = "-"
# Only the local nginx may say which scheme and client a request came from.
forwarded_allow_ips = os.environ.get("FORMS_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the app before forking: the content is read once, and a bad SECRET_KEY stops the master.
preload_app = True
# gunicorn 27's control socket is one shared path per user; several instances would collide.
control_socket_disable = True
