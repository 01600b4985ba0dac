"""Reading HTML as a visitor meets it: built pages on disk and the form service's responses."""
from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def links_of(path: Path) -> list[str]:
    return [a.get("href") for a in soup_of(path).select("a[href]")]


def article_text(site: Path, page: str) -> str:
    """What a built page says in its main content, as one line of text."""
    return soup_of(site / page).select_one("article").get_text(" ", strip=True)


def text_of(response) -> str:
    """A Flask test response's text, as one line."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ", strip=True)


def form_pairs(html: str, form_index: int = -1, action: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would send from a form (the last one, the `form_index`-th,
    or the POST form whose action ends with `action`): hidden inputs, current values, selected
    options, ticked boxes; a name ticked several times (a list of checkboxes) comes several times."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", method="post", action=lambda a: a and a.endswith(action)) if action \
        else soup.find_all("form")[form_index]
    pairs = []
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name or (tag.get("type") in ("checkbox", "radio") and not tag.has_attr("checked")):
            continue
        if tag.name == "select":
            chosen = tag.find("option", selected=True)
            pairs.append((name, chosen["value"] if chosen else ""))
        elif tag.name == "textarea":
            # A browser drops the one line break that follows <textarea>.
            text = tag.get_text()
            pairs.append((name, text[2:] if text.startswith("\r\n") else text.removeprefix("\n")))
        else:
            pairs.append((name, tag.get("value", "")))
    return pairs


def form_fields(html: str, form_index: int = -1, action: str | None = None) -> dict:
    """The same as one value a name (the last), for forms without lists of checkboxes."""
    return dict(form_pairs(html, form_index, action))
