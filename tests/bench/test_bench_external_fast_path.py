"""The build's external-resource check skips parsing pages that cannot reach another host
(a benchmark finding: parsing was a fifth of a large build). The shortcut must never hide one."""
from __future__ import annotations

import pytest

from tawasul import resources

# What every built page carries: a canonical link, inline SVG icons, the quick-exit link to a
# neutral site and (event pages) JSON-LD.
SHELL = ('<!doctype html><html lang="ar"><head><link rel="canonical" href="http://127.0.0.1:8000/events/x/">'
         '<link rel="stylesheet" href="../../assets/css/tawasul.css">'
         '<script type="application/ld+json">{"@context":"https://schema.org","url":"http://127.0.0.1:8000/"}</script>'
         '</head><body><a class="tw-exit" href="https://www.google.com/search?q=x" rel="noreferrer">خروج</a>'
         '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
         'BODY</body></html>')


def full_parse(html: str) -> list[str]:
    finder = resources._Finder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("snippet, expected", [
    ('<script src="https://cdn.example/x.js"></script>', ["<script src> https://cdn.example/x.js"]),
    ('<img src="//tracker.example/p.gif" alt="">', ["<img src> //tracker.example/p.gif"]),
    ('<img src="&#47;&#47;tracker.example/p.gif">', ["<img src> //tracker.example/p.gif"]),
    ('<img src="https:&sol;&sol;tracker.example/p.gif">', ["<img src> https://tracker.example/p.gif"]),
    ('<a href="https://example.org" style="background:url(//t.example/i.png)">x</a>', ["css //t.example/i.png"]),
    ('<style>@import "https://fonts.example/a.css";</style>', ["css https://fonts.example/a.css"]),
    ('<link rel="stylesheet" href="https://cdn.example/a.css">', ["<link> https://cdn.example/a.css"]),
    ('<link rel="canonical" href="https://example.org/"><link rel="icon" href="https://cdn.example/i.png">',
     ["<link> https://cdn.example/i.png"]),
    ('<a class="x" href="https://example.org/" style="background:url(//t.example/i.png)">x</a>',
     ["css //t.example/i.png"]),
    # Contrived markup that would hide an address inside a removed piece: each forces a parse.
    ("""<img data-x='<a href="' src="//t.example/p.gif">""", ["<img src> //t.example/p.gif"]),
    ("""<img alt='<script type="application/ld+json">' src="//t.example/p.gif" title='</script>'>""",
     ["<img src> //t.example/p.gif"]),
    ('<style>/*<script type="application/ld+json">{"a":"@import \'//t.example/a.css\'"}</script>*/</style>',
     ["css //t.example/a.css"]),
    ('<img srcset="<link rel="canonical" href="//t.example/p.gif">">', []),
])
def test_external_resources_are_still_found_on_a_real_page_shape(snippet, expected):
    html = SHELL.replace("BODY", snippet)
    assert resources.external_in_html(html) == full_parse(html) == expected


@pytest.mark.parametrize("snippet", [
    "<p>نص عادي مع رابط <a href=\"../centres/\">المراكز</a></p>",
    '<a href="https://www.example.org/">رابط خارجي ليس طلباً</a>',
    "<p>فقط 10 &amp; 20</p>",
])
def test_pages_without_external_resources_pass(snippet):
    html = SHELL.replace("BODY", snippet)
    assert resources.external_in_html(html) == full_parse(html) == []


def test_the_usual_page_is_cleared_without_parsing():
    assert not resources._may_reach_elsewhere(SHELL.replace("BODY", "<p>نص</p>"))
    assert not resources._may_reach_elsewhere(SHELL.replace("BODY", '<a href="https://www.example.org/">x</a>'))
    assert resources._may_reach_elsewhere(SHELL.replace("BODY", '<code dir="ltr">https://example.org/</code>'))


@pytest.mark.parametrize("snippet, expected", [
    # An address shown as text is not a request: cleared without parsing, as the parser clears it.
    ('<p>اشتركي: <code dir="ltr">https://example.org/all.ics</code></p>', []),
    ('<p>اشتركي: <code dir="ltr">https://example.org/all.ics</code></p><img src="//t.example/p.gif">',
     ["<img src> //t.example/p.gif"]),
    # A `>` inside an attribute value would make a tag look closed before its address.
    ('<p>https://example.org/</p><img alt="a > b" src="//t.example/p.gif">', ["<img src> //t.example/p.gif"]),
    ("<p>https://example.org/</p><img alt='a > b' src=//t.example/p.gif>", ["<img src> //t.example/p.gif"]),
    ('<p>https://example.org/</p><!-- <img src="//t.example/p.gif"> -->', []),
    ('<p>https://example.org/</p><video poster="//t.example/p.jpg"></video>', ["<video poster> //t.example/p.jpg"]),
])
def test_an_address_in_text_is_cleared_and_one_in_markup_is_still_found(snippet, expected):
    html = SHELL.replace("BODY", snippet)
    assert resources.external_in_html(html) == full_parse(html) == expected
