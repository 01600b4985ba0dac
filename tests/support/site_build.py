"""Building the site the way `make build` does. Kept out of conftest.py under a name of its own:
a subfolder's conftest.py cannot `from conftest import …` (both are modules named `conftest`)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import ROOT, SAMPLE_TODAY



def mkdocs_build(dest: Path, today: str = SAMPLE_TODAY, content_root: Path | None = None) -> subprocess.CompletedProcess:
    """Build the site into `dest` exactly as `make build` does: `python -m tawasul build`
    (mkdocs build --strict, then the Pagefind search index, then the swap into place)."""
    env = {**os.environ, "TAWASUL_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    if content_root is not None:
        env["TAWASUL_CONTENT_ROOT"] = str(content_root)
    return subprocess.run([sys.executable, "-m", "tawasul", "build", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
