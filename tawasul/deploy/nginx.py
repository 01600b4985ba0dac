"""`python -m tawasul nginx-config SITE --server-name NAME [options]`: render deploy/nginx/tawasul.conf.in
for one server, with the Content-Security-Policy computed from the built site (tawasul/deploy/csp.py).

Only names, addresses and paths are filled in; everything else is the template's. Brotli lines
(`#brotli` in the template) are switched on when Debian's brotli module is installed.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .csp import site_policies

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "tawasul.conf.in"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")


def _quoted(value: str) -> str:
    if '"' in value or "\\" in value:
        raise ValueError(f"cannot be quoted for nginx: {value!r}")
    return value


def _url_pattern(url: str) -> str:
    """A page's folder URL also matches the index.html nginx serves it from."""
    return re.escape(url) + (r"(index\.html)?" if url.endswith("/") else "")


def render(site: Path, *, server_name: str, origin: str, https_listen: str, http_listen: str,
           forms_upstream: str, certificate: str, key: str, brotli: bool) -> str:
    policies = site_policies(site)
    default = policies.pop("default")
    pages = "\n".join(f'    "~^{_url_pattern(url)}$" "{_quoted(value)}";' for url, value in policies.items())
    values = {"CSP_DEFAULT": _quoted(default), "CSP_PAGES": pages, "SERVER_NAME": server_name, "ORIGIN": origin,
              "HTTPS_LISTEN": https_listen, "HTTP_LISTEN": http_listen, "FORMS_UPSTREAM": forms_upstream,
              "TLS_CERTIFICATE": certificate, "TLS_KEY": key, "SITE_ROOT": str(site.resolve())}
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"{TEMPLATE.name}: nothing fills in {', '.join(sorted(set(left)))}")
    return re.sub(r"^#brotli ", "", text, flags=re.M) if brotli else text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tawasul nginx-config", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (make build), e.g. /srv/tawasul/site")
    parser.add_argument("--server-name", required=True, help="the public host name, e.g. tawasul.example")
    parser.add_argument("--origin", help="the public HTTPS origin (default: https://SERVER_NAME)")
    parser.add_argument("--listen", default="443", help="address:port (or port) for HTTPS (default 443)")
    parser.add_argument("--http-listen", default="80", help="for the redirect to HTTPS (default 80)")
    parser.add_argument("--forms", default="127.0.0.1:8001", help="gunicorn's address (FORMS_BIND)")
    parser.add_argument("--certificate", help="default: /etc/letsencrypt/live/SERVER_NAME/fullchain.pem")
    parser.add_argument("--key", help="default: /etc/letsencrypt/live/SERVER_NAME/privkey.pem")
    parser.add_argument("--brotli", choices=("auto", "on", "off"), default="auto",
                        help="auto: on when Debian's libnginx-mod-http-brotli-filter is installed")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: not a built site (run make build first)", file=sys.stderr)
        return 1
    live = f"/etc/letsencrypt/live/{args.server_name}"
    brotli = BROTLI_MODULE.exists() if args.brotli == "auto" else args.brotli == "on"
    sys.stdout.write(render(args.site, server_name=args.server_name, origin=args.origin or f"https://{args.server_name}",
                            https_listen=args.listen, http_listen=args.http_listen, forms_upstream=args.forms,
                            certificate=args.certificate or f"{live}/fullchain.pem",
                            key=args.key or f"{live}/privkey.pem", brotli=brotli))
    return 0
