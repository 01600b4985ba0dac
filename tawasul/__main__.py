"""`python -m tawasul check [ROOT]`: validate content and print one line per problem.
`python -m tawasul build [DEST] [--no-reports]`: build the site (MkDocs, the Pagefind index, the report PDFs) into DEST.
`python -m tawasul nginx-config SITE --server-name NAME`: the nginx server configuration for a built site.
`python -m tawasul publish-worker SITE [--repo DIR]`: build SITE from each new commit of the content branch.
`python -m tawasul sample-figures [--check]`: (re)write the sample content/data/figures/<year>.yml."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentInvalid
from .loader import load_catalogue

USAGE = ("usage: python -m tawasul check [ROOT] | python -m tawasul build [DEST] [--no-reports] | "
         "python -m tawasul nginx-config SITE --server-name NAME [--help] | "
         "python -m tawasul publish-worker SITE [--repo DIR] [--branch NAME] | python -m tawasul sample-figures [--check]")


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
        from .deploy.nginx import main as nginx_config
        return nginx_config(argv[1:])
    if argv and argv[0] == "publish-worker":
        from .publisher import main as publish_worker
        return publish_worker(argv[1:])
    if argv and argv[0] == "sample-figures":
        return sample_figures(argv[1:])
    print(USAGE, file=sys.stderr)
    return 2


def sample_figures(argv: list[str]) -> int:
    """The sample figures are derived data: written from tawasul/figures/samples.py, never by hand."""
    from .figures.samples import write_samples
    root = Path.cwd()
    check_only = "--check" in argv
    stale = write_samples(root, load_catalogue(root, ignore_figures=True), check=check_only)
    for path in stale:
        print(f"{path.relative_to(root)}: {'قديم؛ شغّلي python -m tawasul sample-figures' if check_only else 'كُتب'}")
    return 1 if check_only and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
