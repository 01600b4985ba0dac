"""The quick exit's one home (guide §5): where «خروج سريع» leads, and the folder of its markup.

The site's theme and the form service render the same partial (theme/partials/tw-quick-exit.html)
with the same target, and both pages load the site's one quick-exit.js, so she leaves every page
of Tawasul the same way.
"""
from __future__ import annotations

from pathlib import Path

# A neutral page that looks ordinary in a browser's history: a search for the weather, «الطقس».
URL = "https://www.google.com/search?q=%D8%A7%D9%84%D8%B7%D9%82%D8%B3"

# The theme's partials, which the form service adds to its template search path.
PARTIALS = Path(__file__).resolve().parent.parent / "theme" / "partials"
