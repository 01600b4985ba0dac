"""`python -m tawasul check [ROOT]`: validate content and print one line per problem.
`python -m tawasul build [DEST]`: build the site (MkDocs, then the Pagefind index) into DEST.
`python -m tawasul nginx-config SITE --server-name NAME`: the nginx server configuration for a built site.
`python -m tawasul publish-worker SITE [--repo DIR]`: build SITE from each new commit of the content branch."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentInvalid
from .loader import load_catalogue

USAGE = ("usage: python -m tawasul check [ROOT] | python -m tawasul build [DEST] | "
         "python -m tawasul nginx-config SITE --server-name NAME [--help] | "
         "python -m tawasul publish-worker SITE [--repo DIR] [--branch NAME]")


def check(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    try:
        cat = load_catalogue(root)
    except ContentInvalid as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"عدد المشكلات في المحتوى: {len(exc.errors)}", file=sys.stderr)
        return 1
    print(f"المحتوى سليم — المراكز: {len(cat.centres)}، الفعاليات: {len(cat.events)}، "
          f"الحملات: {len(cat.campaigns)}، المقالات: {len(cat.articles)}، المناسبات: {len(cat.occasions)}")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "check":
        return check(argv[1:])
    if argv and argv[0] == "build":
        from .build import main as build  # keeps `check` free of the build's imports
        return build(argv[1:])
    if argv and argv[0] == "nginx-config":
        from .nginx import main as nginx_config
        return nginx_config(argv[1:])
    if argv and argv[0] == "publish-worker":
        from .publisher import main as publish_worker
        return publish_worker(argv[1:])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
