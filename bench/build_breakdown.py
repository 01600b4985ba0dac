"""Where a large build's CPU time goes, without a profiler's distortion.

    .venv/bin/python bench/build_breakdown.py [CONTENT_ROOT]   # default: bench/out/content

Runs one `mkdocs build --strict` in this process over a content tree (make one with
synthetic_content.py or build_bench.py) with light timers around the stages of the build, and
prints each stage's CPU seconds. cProfile's per-call overhead inflates code made of many small
calls (icalendar, Jinja) several times over; these timers cost one clock read per call.
"""
from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from functools import wraps
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"
spent: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)


STAGES = ["load + validate content", "generate pages (Jinja -> Markdown)", "generate files (calendars, feeds)",
          "read pages (front matter)", "Markdown -> HTML (Page.render)", "  of which: Markdown() set-up per page",
          "theme + hooks + write (_build_page)", "  of which: Material's page template", "  of which: external-resource check",
          "  of which: writing files", "copying calendars, feeds and theme files"]


def timed(label: str, function):
    @wraps(function)
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started
            calls[label] += 1
    return wrapper


def _instrument() -> None:
    """Wrap the stages; done before MkDocs loads the hook, which imports these names."""
    import jinja2
    import markdown
    import mkdocs.commands.build as build
    import mkdocs.utils
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    import tawasul.loader
    import tawasul.resources
    import tawasul.site as site

    tawasul.loader.load_catalogue = timed("load + validate content", tawasul.loader.load_catalogue)
    site.generate = timed("generate pages (Jinja -> Markdown)", site.generate)
    site.generate_files = timed("generate files (calendars, feeds)", site.generate_files)
    Page.read_source = timed("read pages (front matter)", Page.read_source)
    Page.render = timed("Markdown -> HTML (Page.render)", Page.render)
    # Also counts the Markdown set-ups of plain_text() (calendars, JSON-LD) during generation.
    markdown.Markdown.__init__ = timed("  of which: Markdown() set-up per page", markdown.Markdown.__init__)
    build._build_page = timed("theme + hooks + write (_build_page)", build._build_page)
    # The theme's templates (not the generators' .j2 ones) are rendered from MkDocs' _build_page.
    theme, render = timed("  of which: Material's page template", jinja2.Template.render), jinja2.Template.render
    jinja2.Template.render = lambda self, *a, **k: (render if (self.filename or "").endswith(".j2") else theme)(self, *a, **k)
    Files.copy_static_files = timed("copying calendars, feeds and theme files", Files.copy_static_files)
    tawasul.resources.external_in_html = timed("  of which: external-resource check", tawasul.resources.external_in_html)
    mkdocs.utils.write_file = timed("  of which: writing files", mkdocs.utils.write_file)


def main(argv: list[str]) -> int:
    content = Path(argv[0]) if argv else REPO / "bench" / "out" / "content"
    os.environ.update(TAWASUL_CONTENT_ROOT=str(content.resolve()), TAWASUL_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    _instrument()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as dest:
        started, usage = time.process_time(), resource.getrusage(resource.RUSAGE_SELF)
        config = load_config(str(REPO / "mkdocs.yml"), site_dir=dest, strict=True)
        for hook in config.hooks.values():  # the hook converts Markdown pages itself, not through Page.render
            if hasattr(hook, "_HeadingRender"):
                hook._HeadingRender.convert = timed("Markdown -> HTML (Page.render)", hook._HeadingRender.convert)
        build(config)
        total, after = time.process_time() - started, resource.getrusage(resource.RUSAGE_SELF)
    # System time is creating the site's folders and files (and memory): on a shared disk it
    # varies several times over between identical builds, so it is shown apart from user time.
    print(f"one mkdocs build --strict of {content}: {total:.2f} CPU s "
          f"(user {after.ru_utime - usage.ru_utime:.2f}, system {after.ru_stime - usage.ru_stime:.2f})")
    for label, seconds in sorted(spent.items(), key=lambda row: STAGES.index(row[0])):
        print(f"  {label:42} {seconds:6.2f} s  {100 * seconds / total:5.1f}%  ({calls[label]} calls)")
    print("  (the rest: MkDocs' own work between these — nav, URLs, link validation, templates' set-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
