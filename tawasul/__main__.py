"""`python -m tawasul check [ROOT]`: validate content and print one line per problem."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentInvalid
from .loader import load_catalogue


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("usage: python -m tawasul check [ROOT]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
