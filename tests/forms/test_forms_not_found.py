"""The service's not-found page is Arabic, with the quick exit, the helplines and ways on (issue 10 §8)."""
from __future__ import annotations

from bs4 import BeautifulSoup
from forms_support import forms_content_tree, make_app


def test_the_service_not_found_page_is_arabic_with_the_exit_helplines_and_home(tmp_path):
    content = forms_content_tree(tmp_path / "content")
    app = make_app(f"sqlite:///{tmp_path / 'forms.sqlite3'}", content)
    answer = app.test_client().get("/no-such-page")
    assert answer.status_code == 404
    page = BeautifulSoup(answer.get_data(as_text=True), "html.parser")
    assert page.h1.get_text() == "الصفحة غير موجودة"
    assert page.find("a")["class"] == ["tw-exit"]  # the quick exit first, as on every page
    links = {a.get_text(strip=True): a["href"] for a in page.find_all("a")}
    assert links["ابحثي في الموقع"] == "/search/" and links["121"] == "tel:121" and "الصفحة الرئيسية لموقع مراكز تواصل" in links
