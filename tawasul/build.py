"""`python -m tawasul build [DEST]`: the one way the site is built, by `make build` and the tests.

1. `mkdocs build --strict` into a fresh folder beside DEST;
2. Pagefind indexes that folder (the Arabic search index, written to <site>/pagefind/);
3. the centres' yearly report PDFs (WeasyPrint), reused from a cache when unchanged
   (`--no-reports` skips them, for quick local builds); made beside steps 1 and 2 (they need
   only the content), in a folder of their own moved in afterwards: MkDocs empties its folder;
4. only if all succeeded, the new folder replaces DEST (two renames on one file system), so
   visitors and tests never see a half-built site.

Failures print what went wrong (MkDocs' and Pagefind's own messages) and return non-zero;
no traceback. Everything runs offline: Pagefind's binary comes from the `pagefind[bin]` wheel.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .build_cache import CACHE_SETTING, cache_path
from .output_files import REUSE_OUTPUT
from .search_input import SEARCH_INPUT

# Pagefind: index only the main content (data-pagefind-body, set by theme/partials/content.html),
# as Arabic (the site's language: the Arabic stemmer folds the spelling variants).
PAGEFIND_ARGS = ["--force-language", "ar", "--quiet"]
# Pagefind also writes its ready-made UIs; the search page uses its JS API (theme/assets/js/search.js),
# so these are never loaded and are not published.
UNUSED_PAGEFIND_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


class BuildFailed(Exception):
    pass


def _run(step: str, command: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildFailed(f"{step}:\n{(done.stderr or done.stdout).strip()}")
    # MkDocs logs its progress at INFO; anything else (there is nothing else on a strict build
    # that passed, but Pagefind may speak) is passed on.
    said = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("INFO")]
    if said:
        print("\n".join(said), file=sys.stderr)


def _reports(site: Path, project: Path, content_root: Path | None) -> None:
    """The yearly report PDFs, from the same content and settings MkDocs just used."""
    from mkdocs.config import load_config

    from .figures.report import report_html, reports, write_pdfs
    from .loader import load_catalogue
    from .site.achievements import held_events
    from .site.render import SiteContext

    from .settings import SiteSettings, today

    settings = SiteSettings.from_mkdocs(load_config(str(project / "mkdocs.yml")))
    if content_root is not None:
        settings = dataclasses.replace(settings, content_root=content_root)
    ctx = SiteContext(load_catalogue(settings.content_root), today(), settings)
    items = [(r, report_html(ctx, r, held_events(ctx, r.year, r.centre.governorate))) for r in reports(ctx.catalogue)]
    cache = Path(os.environ.get("TAWASUL_REPORTS_CACHE") or project / ".cache" / "reports")
    try:
        write_pdfs(site, items, cache)
    except Exception as exc:  # WeasyPrint's own failures (a missing system library…), said plainly
        raise BuildFailed(f"فشل إعداد التقارير السنوية (PDF): {exc}") from None


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def build(dest: Path, project: Path, content_root: Path | None = None, on_live=lambda: None,
          discard=_remove, reports: bool = True) -> None:
    """`content_root` overrides TAWASUL_CONTENT_ROOT: the publish worker builds a checkout of
    a commit, whatever the service's environment names. `on_live()` runs as soon as the new
    site is in place; then `discard(old_site)` removes the previous one (thousands of files on
    a large site: the worker does it in the background)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if content_root is not None:
        env["TAWASUL_CONTENT_ROOT"] = str(content_root)
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    # With the build cache, the site an earlier build replaced is kept beside the cache and
    # written over: most of its files already hold what this build makes (output_files.py).
    # So is what Pagefind reads (search_input.py). A clean build starts empty.
    kept = cache_path(env.get(CACHE_SETTING, ""), project)
    kept = kept.with_name(kept.name + ".output") if kept else None
    search = Path(tempfile.mkdtemp(prefix="search-", dir=_made(kept)) if kept else
                  tempfile.mkdtemp(prefix=f".{dest.name}.search-", dir=dest.parent))
    # A site is moved, not copied: kept only on the file system it is built on.
    keeps_sites = kept is not None and os.stat(kept).st_dev == os.stat(dest.parent).st_dev
    if kept:
        _take(kept, "search", search)
    if keeps_sites and _take(kept, "spare", fresh):
        env[REUSE_OUTPUT] = "1"
    env[SEARCH_INPUT] = str(search)
    staged = Path(tempfile.mkdtemp(prefix=f".{dest.name}.reports-", dir=dest.parent))
    try:
        # The PDFs on a second core while MkDocs (one process) and Pagefind work: the builder
        # mostly waits on them, so this thread has the interpreter to itself.
        with ThreadPoolExecutor(max_workers=1) as side:
            made = side.submit(_reports, staged, project, content_root) if reports else None
            # Not --quiet: it raises MkDocs' log level above WARNING, and --strict then counts nothing.
            _run("فشل بناء الموقع (mkdocs build --strict)",
                 [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                  "-d", str(fresh)], project, env)
            _run("فشلت فهرسة البحث (pagefind)",
                 [sys.executable, "-m", "pagefind", "--site", str(search), "--output-path", str(fresh / "pagefind"),
                  *PAGEFIND_ARGS], project, env)
            for pattern in UNUSED_PAGEFIND_FILES:
                for unused in (fresh / "pagefind").glob(pattern):
                    unused.unlink()
            if made is not None:
                made.result()
                _move_into(staged, fresh)
        fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        # A name of its own: the previous build's old site may still be being deleted.
        old = dest.with_name(f".{dest.name}.old-{fresh.name.rsplit('-', 1)[-1]}")
        if dest.exists():
            dest.rename(old)
        fresh.rename(dest)
        on_live()
        if old.exists() and not (keeps_sites and _give_back(old, kept, "spare")):
            discard(old)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(staged, ignore_errors=True)
        if not (kept and _give_back(search, kept, "search")):
            shutil.rmtree(search, ignore_errors=True)


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _take(kept: Path, name: str, empty: Path) -> bool:
    """Move the folder kept under `name` to `empty` (a folder just made), for this build alone;
    False when there is none, or another build took it first."""
    try:
        (kept / name).rename(empty)
    except OSError:
        return False
    return True


def _give_back(folder: Path, kept: Path, name: str) -> bool:
    """Keep `folder` under `name` for the next build, unless another build already left one."""
    try:
        folder.rename(kept / name)
    except OSError:
        return False
    return True


def _move_into(staged: Path, site: Path) -> None:
    """Each file made beside the build into the same place in the site (one file system: renames)."""
    for path in sorted(p for p in staged.rglob("*") if p.is_file()):
        target = site / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)


def main(argv: list[str]) -> int:
    reports = "--no-reports" not in argv
    argv = [a for a in argv if a != "--no-reports"]
    dest = Path(argv[0]) if argv else Path("site")
    try:
        build(dest, Path.cwd(), reports=reports)
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0
