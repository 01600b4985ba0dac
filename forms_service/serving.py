"""How the service is put on the web: under its URL prefix (production, wsgi.py), and beside the
built static site on one origin (`make run`, devserver.py). No app is built here, so importing
this module never starts a second app."""
from __future__ import annotations

import gc
from pathlib import Path

from flask import Flask
from jinja2 import meta
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from whitenoise import WhiteNoise

from tawasul import dates


def settle(app: Flask) -> None:
    """Called once the app is loaded (in gunicorn's master with preload_app, else in each
    worker). Two things every worker would otherwise do on its first requests, under load:

    - compile the service's templates. Each worker compiled them on its first render of a page,
      25 ms of CPU for the registration form's templates, while its other threads, compiling the
      same ones, and the connections behind them waited; the first 2 s after a start gave a p99
      of 190-880 ms (bench/forms_bench.py's warm-up, 6 starts) against 46-160 ms. Compiled here
      once, before the fork, the workers share them. Babel's locale data likewise (17 ms).
    - leave the cyclic collector's reach with its ~150,000 long-lived objects (catalogue,
      templates, mappers). A full collection walked them all, about 80 ms of CPU (issue 17's
      notes), during which the worker's other threads wait; frozen, they are also not written to
      by the collector, so forked workers keep sharing those pages with the master. Refcounting
      still frees them."""
    _compile_templates(app)
    _ = dates.LOCALE.date_formats  # loads the locale's data, which Babel reads lazily
    gc.collect()
    gc.freeze()


def _compile_templates(app: Flask) -> None:
    """Every template of the service and of its blueprints, and those they include or extend
    (the site theme's partials; not the rest of the theme's folder, MkDocs pages)."""
    env = app.jinja_env
    names = set(app.create_global_jinja_loader().list_templates())
    todo = list(names)
    while todo:
        name = todo.pop()
        env.get_template(name)
        for named in meta.find_referenced_templates(env.parse(env.loader.get_source(env, name)[0])):
            if named and named not in names:
                names.add(named)
                todo.append(named)


def mounted(application, prefix: str, outside=None):
    """`application` answers under `prefix`; everything else goes to `outside` (default 404)."""
    prefix = prefix.rstrip("/")
    if not prefix:
        return application
    return DispatcherMiddleware(outside or NotFound(), {prefix: application})


def _not_found(page: Path):
    body = page.read_bytes() if page.is_file() else b"Not found"

    def app(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"),
                                         ("Content-Length", str(len(body)))])
        return [body]
    return app


def site_and_forms(site_dir: Path, forms_app, prefix: str):
    """Static files by WhiteNoise (index.html for folders, the site's own 404 page); requests
    under the prefix go to the service. autorefresh: files are looked up per request, so a rebuild
    («publish now» in the coordinator area) shows at once; fine for a development server."""
    static = WhiteNoise(_not_found(site_dir / "404.html"), root=str(site_dir), index_file=True, autorefresh=True)
    return mounted(forms_app, prefix, outside=static)
