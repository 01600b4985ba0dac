"""Quick exit («خروج سريع») in a real browser: the link, the script, the keyboard, and no script,
on the site's pages and on the form service's (a registration form, her manage page and the
coordinators' login), which carry the same partial and the same quick-exit.js (guide §5)."""
from __future__ import annotations

import pytest
from forms_origin import OPEN_EVENT

EXIT = "a.tw-exit"
PAGES = ["", "centres/", "centres/jenin/", "events/", "safety/", "404.html"]
FORM_PAGES = [f"forms/events/{OPEN_EVENT}/register", "manage", "forms/admin/login"]


@pytest.fixture(params=[("site", "centres/jenin/")] + [("forms", path) for path in FORM_PAGES],
                ids=["site"] + ["registration-form", "manage-page", "coordinator-login"])
def place(request):
    """(home, page): a page with the exit, and the site's home page on the same origin."""
    kind, path = request.param
    if kind == "site":
        home = request.getfixturevalue("site_server")
        return home, home + path
    home, manage = request.getfixturevalue("site_and_forms")
    return home, home + (manage if path == "manage" else path)


def exit_target(page) -> str:
    return page.locator(EXIT).get_attribute("href")


def is_leaving(page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('tw-leaving')")


def announced(page) -> str:
    return page.locator("#tw-exit-status").text_content()


@pytest.mark.parametrize("path", PAGES + FORM_PAGES)
def test_exit_is_the_first_tab_stop_and_on_screen_at_the_top_end(open_page, site_and_forms, path):
    page, _, _ = open_page()
    base, manage = site_and_forms
    page.goto(base + (manage if path == "manage" else path))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "tw-exit"
    box = page.locator(EXIT).bounding_box()
    # Visible without scrolling on a 360 px phone, on the end side: the left, in Arabic.
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 / 2
    assert box["height"] >= 44  # a thumb-sized target
    link = page.locator(EXIT)
    assert set(link.get_attribute("rel").split()) == {"noreferrer", "nofollow"}
    assert exit_target(page).startswith("https://")


def test_exit_stays_on_screen_and_on_top_while_scrolling(open_page, site_server):
    page, _, _ = open_page()
    page.goto(site_server + "centres/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 1000
    box = page.locator(EXIT).bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 740
    # Nothing covers it: the element at its centre is the exit itself.
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a.tw-exit') !== null",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top


def watch_leaving(page) -> list:
    """Report what the page looks like the moment the exit starts, before the next site loads:
    a MutationObserver in the page sends its state out through a Playwright binding."""
    seen: list = []
    page.expose_binding("twReport", lambda source, state: seen.append(state))
    page.evaluate("""() => new MutationObserver(() => {
        const sheet = getComputedStyle(document.documentElement, '::after');
        window.twReport({leaving: document.documentElement.classList.contains('tw-leaving'),
            sheet: [sheet.position, sheet.top, sheet.bottom, sheet.backgroundColor, sheet.zIndex],
            title: document.title, said: document.getElementById('tw-exit-status').textContent});
    }).observe(document.documentElement, {attributes: true, attributeFilter: ['class']})""")
    return seen


def test_clicking_blanks_the_page_at_once_and_replaces_it_in_history(open_page, place):
    page, outside, _ = open_page()
    home, url = place
    page.goto(home)
    page.goto(url)
    entries = page.evaluate("history.length")
    target = exit_target(page)
    seen = watch_leaving(page)
    outside.hold = True
    box = page.locator(EXIT).bounding_box()
    # A real mouse click; unlike locator.click it does not wait for the (held) navigation.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(100):  # the observer's report arrives asynchronously; the page is still ours
        if seen and outside.held:
            break
        page.wait_for_timeout(50)
    outside.release()
    page.wait_for_url(target)
    # The moment she clicked, before the neutral site answered, the page was a blank white sheet.
    assert seen and seen[0] == {"leaving": True, "sheet": ["fixed", "0px", "0px", "rgb(255, 255, 255)", "2147483647"],
                                "title": "", "said": "جارٍ الخروج من الموقع."}
    # location.replace: the centres page is gone from the tab's history; Back goes to home.
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert page.url == home
    # No referrer is sent to the neutral site.
    assert "referer" not in outside.requests[0].headers


def test_shift_three_times_leaves(open_page, place):
    page, outside, _ = open_page()
    page.goto(place[1])
    target = exit_target(page)
    page.keyboard.press("Shift")
    assert announced(page) == "اضغطي Shift مرتين أخريين للخروج."
    page.keyboard.press("Shift")
    assert announced(page) == "اضغطي Shift مرة أخرى للخروج."
    assert not is_leaving(page)
    page.keyboard.press("Shift")
    page.wait_for_url(target)
    assert len(outside.requests) == 1


def test_typing_capitals_never_leaves(open_page, place):
    page, outside, _ = open_page()
    page.goto(place[1])
    for _ in range(4):
        page.keyboard.press("Shift+KeyA")  # Shift down, A down, A up, Shift up
    assert not is_leaving(page)
    assert announced(page) == ""
    assert page.url == place[1]
    assert outside.requests == []


def test_another_key_starts_the_count_again(open_page, place):
    page, outside, _ = open_page()
    page.goto(place[1])
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("KeyB")
    page.keyboard.press("Shift")
    assert announced(page) == "اضغطي Shift مرتين أخريين للخروج."  # one press counted, not three
    assert not is_leaving(page)
    assert outside.requests == []


def test_the_exit_works_by_keyboard(open_page, site_server):
    page, _, _ = open_page()
    page.goto(site_server + "awareness/")
    target = exit_target(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_without_javascript_the_exit_is_a_plain_link_that_leaves(open_page, place):
    page, outside, _ = open_page(java_script_enabled=False)
    page.goto(place[1])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "tw-exit"
    target = exit_target(page)
    entries = page.evaluate("history.length")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "referer" not in outside.requests[0].headers
    # A plain link adds a history entry; only the script can replace it.
    assert page.evaluate("history.length") == entries + 1


def test_exit_is_hidden_when_printing(open_page, site_server):
    page, _, _ = open_page()
    page.goto(site_server)
    assert page.locator(EXIT).is_visible()
    page.emulate_media(media="print")
    assert page.locator(EXIT).is_hidden()
