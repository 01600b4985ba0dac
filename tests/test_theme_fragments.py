"""Pieces of the theme rendered once and reused (tawasul/theme_fragments.py) give each page what
rendering them for that page gives: its own relative links, its own title, and a piece of its own
when the piece reads more of the page than the stand-in holds. The whole site is compared byte
for byte with main's by the build tests; these pin the rules on small templates."""
from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
from mkdocs.utils.templates import script_tag_filter, url_filter

from tawasul.theme_fragments import Fragments, remembered

TEMPLATES = {
    # A shared piece whose links depend on where the page is.
    "nav.html": '{% call tawasul_once("nav") %}<a href="{{ \'safety/\' | url }}">أمان</a>'
                '<a href="{{ \'events/\' | url }}">الفعاليات</a>{% endcall %}',
    # A script tag is a link too.
    "scripts.html": '{% call tawasul_once("scripts") %}{{ "assets/js/quick-exit.js" | script_tag }}{% endcall %}',
    # A piece with the page's title put in, as the theme's header.html does.
    "header.html": '{% call(hole) tawasul_once("header", fill=[page.title]) %}{% with page = tawasul_titled(page, hole[0]) %}'
                   '{% include "header_inner.html" %}{% endwith %}{% endcall %}',
    "header_inner.html": '<header><a href="{{ \'\' | url }}">الرئيسية</a> {{ page.title }}</header>',
    # A piece that reads something the stand-in does not hold: it must not be shared.
    "greedy.html": '{% call(hole) tawasul_once("greedy", fill=[page.title]) %}{% with page = tawasul_titled(page, hole[0]) %}'
                   '{{ page.title }}/{{ page.summary }}{% endwith %}{% endcall %}',
}


@dataclass
class Page:
    url: str
    title: str
    summary: str = ""
    meta: dict = field(default_factory=dict)


def environment() -> tuple[jinja2.Environment, Fragments]:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    fragments = Fragments()
    env.filters.update(url=fragments.relative(url_filter), script_tag=fragments.relative(script_tag_filter))
    env.globals.update(tawasul_once=fragments.once, tawasul_titled=fragments.titled)
    return env, fragments


def render(env, name: str, page: Page) -> str:
    return env.get_template(name).render(page=page, base_url="")


def test_a_shared_piece_is_reused_only_where_its_links_come_out_the_same():
    env, fragments = environment()
    first = render(env, "nav.html", Page("events/one/", "أ"))
    second = render(env, "nav.html", Page("events/two/", "ب"))
    elsewhere = render(env, "nav.html", Page("awareness/guide/article/", "ج"))
    top = render(env, "nav.html", Page("safety/", "د"))

    assert first == second == '<a href="../../safety/">أمان</a><a href="../">الفعاليات</a>'
    assert elsewhere == '<a href="../../../safety/">أمان</a><a href="../../../events/">الفعاليات</a>'
    assert top == '<a href="./">أمان</a><a href="../events/">الفعاليات</a>'
    assert (fragments.rendered, fragments.reused) == (3, 1)


def test_a_script_tag_in_a_shared_piece_points_at_the_script_from_each_page():
    env, fragments = environment()
    deep = render(env, "scripts.html", Page("events/one/", "أ"))
    top = render(env, "scripts.html", Page("about/", "ب"))

    assert (deep, top) == ('<script src="../../assets/js/quick-exit.js"></script>',
                           '<script src="../assets/js/quick-exit.js"></script>')
    assert (fragments.rendered, fragments.reused) == (2, 0)


def test_each_page_gets_its_own_title_in_a_shared_header():
    env, fragments = environment()
    pages = [Page("events/one/", "ورشة <التوعية>"), Page("events/two/", "يوم مفتوح"), Page("about/", "عن المراكز")]

    assert [render(env, "header.html", page) for page in pages] == [
        '<header><a href="../..">الرئيسية</a> ورشة <التوعية></header>',
        '<header><a href="../..">الرئيسية</a> يوم مفتوح</header>',
        '<header><a href="..">الرئيسية</a> عن المراكز</header>',
    ]
    assert (fragments.rendered, fragments.reused) == (2, 1)


def test_a_piece_that_reads_more_of_the_page_than_the_stand_in_holds_is_rendered_for_each_page():
    env, fragments = environment()
    one = render(env, "greedy.html", Page("events/one/", "أ", summary="الأولى"))
    two = render(env, "greedy.html", Page("events/two/", "ب", summary="الثانية"))

    assert (one, two) == ("أ/الأولى", "ب/الثانية")
    assert (fragments.rendered, fragments.reused) == (2, 0)


def test_material_reads_each_interface_string_as_the_strings_template_makes_it():
    """Material imports partials/language.html for every page; it hands out each string once
    made. Every key Material's Arabic and English tables know, ours, and keys no table has must
    give what importing partials/tw-strings.html with the page's context gives."""
    import re
    from pathlib import Path

    from mkdocs.config import load_config
    from mkdocs.utils import get_theme_dir

    from tawasul.theme_fragments import Strings

    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    env = config.theme.get_env()
    env.globals["tawasul_t"] = Strings(env, config)
    tables = Path(get_theme_dir("material")) / "partials" / "languages"
    keys = sorted({k for name in ("ar.html", "en.html") for k in re.findall(r'^\s*"([^"]+)":', (tables / name).read_text(), re.M)})
    assert len(keys) > 50 and "action.skip" in keys
    keys += ["", "action.skip ", "ACTION.SKIP", "action", "search.placeholder.x", "toc", "لغة"]

    def through(template: str, key: str) -> str:
        page = env.from_string(f'{{% import "{template}" as lang with context %}}{{{{ lang.t(key) }}}}')
        return page.render(config=config, key=key)

    made = [through("partials/language.html", key) for key in keys + keys[::-1]]
    assert made == [through("partials/tw-strings.html", key) for key in keys + keys[::-1]]
    assert through("partials/language.html", "action.skip") == "انتقلي إلى المحتوى"
    assert through("partials/language.html", "search") == "بحث"


def test_a_table_of_contents_is_reused_only_for_pages_with_the_same_headings():
    """theme/partials/toc.html shares Material's table of contents between pages whose headings
    are the same; each page must get what Material's own toc.html gives it."""
    from pathlib import Path

    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
    from mkdocs.config import load_config
    from mkdocs.structure.toc import get_toc
    from mkdocs.utils import get_theme_dir

    from tawasul.theme_fragments import Strings, toc_key

    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    env = config.theme.get_env()
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(get_theme_dir("material"))})])
    fragments = Fragments()
    env.globals.update(tawasul_once=fragments.once, tawasul_t=Strings(env, config), tawasul_toc_key=toc_key)

    def heading(level, name, children=()):
        return {"level": level, "id": name.replace(" ", "-"), "name": name, "html": name, "data-toc-label": "",
                "children": list(children)}
    tocs = [
        [heading(1, "ورشة أ", [heading(2, "الموعد"), heading(2, "المكان")])],
        [heading(1, "ورشة ب", [heading(2, "الموعد"), heading(2, "المكان")])],  # the same sections
        [heading(1, "ورشة ج", [heading(2, "الموعد"), heading(2, "المكان <b>")])],
        [heading(1, "ورشة هـ", [heading(2, "الموعد"), dict(heading(2, "المكان"), name="الموقع", html="الموقع")])],
        [heading(1, "ورشة د", [heading(2, "الموعد", [heading(3, "تغيير")]), heading(2, "المكان")])],
        [heading(2, "الموعد"), heading(2, "المكان")],  # no level-1 heading: the whole table shows
        [heading(1, "فارغة")],
        [],
    ]
    pages = [Page(f"events/e{i}/", f"ص{i}") for i in range(len(tocs))]
    for page, toc in zip(pages, tocs):
        page.toc = get_toc(toc)
    made = [(env.get_template("partials/toc.html").render(page=p, config=config, lang={"t": env.globals["tawasul_t"]}),
             env.get_template("material/partials/toc.html").render(page=p, config=config, lang={"t": env.globals["tawasul_t"]}))
            for p in pages + pages]
    assert all(ours == material for ours, material in made)
    assert len({ours for ours, _ in made}) == 7
    assert fragments.reused == len(pages) + 1  # the second round, and the second page (its title is not shown)


def test_a_remembered_url_is_what_mkdocs_url_filter_gives_for_every_value_page_and_base():
    """The build converts each (value, page address, base) once (`remembered`): every answer,
    asked again in another order and from look-alike pages, equals MkDocs' own filter's."""
    values = ["", ".", "./", "/", "#top", "?q=1", "index.html", "safety/", "safety", "safety/#top", "events/one/",
              "events/one/index.html", "events/one/../two/", "../events/", "./safety/", "/abs/path/", "//host/x",
              "https://example.org/x", "mailto:a@b.c", "tel:121", "assets/css/tawasul.css",
              "assets/javascripts/bundle.js?v=1", "الفعاليات/", "%D8%A7/", "a b/", "events/one"]
    pages = [None, Page("", "home"), Page("safety/", "a"), Page("events/one/", "b"), Page("events/two/", "c"),
             Page("events/one/x/", "d"), Page("awareness/guide/article/", "e"), Page("404.html", "f"),
             Page("events/", "g"), Page("events/one", "h")]
    bases = ["", ".", "..", "../..", "/", "https://example.org/"]
    asked = [(value, page, base) for value in values for page in pages for base in bases]
    env = jinja2.Environment()
    convert = remembered(url_filter)

    def answers(order):
        return {(v, id(p), b): convert(env.from_string("").new_context({"page": p, "base_url": b}), v) for v, p, b in order}
    first, again = answers(asked), answers(list(reversed(asked)))
    mkdocs = {(v, id(p), b): url_filter(env.from_string("").new_context({"page": p, "base_url": b}), v) for v, p, b in asked}

    assert first == again == mkdocs
    assert len(set(mkdocs.values())) > 40  # the inputs do lead to different links
