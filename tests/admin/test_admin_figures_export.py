"""From a coordinator's records to the public figures: partners report activities with the people
who took part (counts only), the coordinator approves them, `flask export-figures` writes the
year's aggregated, suppressed figures file, and the next build shows it."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from support.admin import admin_app, submit_activity
from support.site_build import mkdocs_build
from support.store import commit_tree, git, uncommitted
from bs4 import BeautifulSoup
from support.admin import approve

from forms_service.services.figures_export import activity_records
from tawasul.figures.aggregate import publishable
from tawasul.figures.presentation import shown
from tawasul.figures.suppression import SMALL, WITHHELD
from tawasul.loader import load_catalogue

ROOT = Path(__file__).resolve().parents[2]

PEOPLE = [  # (women, girls, men, boys) of each approved activity
    (22, 3, 4, 0), (18, 0, 2, 1), (25, 6, 0, 0), (30, 2, 5, 0), (14, 0, 1, 0),
]


def _report_and_approve(app, staff):
    huda = staff("huda")
    for day, (women, girls, men, boys) in enumerate(PEOPLE, start=1):
        submission = submit_activity(app, starts_at=datetime(2026, 3, day, 10), ends_at=datetime(2026, 3, day, 12),
                                     partners="بلدية جنين\nجمعية نساء المرج", reached_female_adult=women,
                                     reached_female_under_18=girls or None, reached_male_adult=men or None,
                                     reached_male_under_18=boys or None)
        assert approve(huda, submission.id).status_code == 303
    # Reported but not approved, and approved but in another year: neither is counted.
    submit_activity(app, starts_at=datetime(2026, 4, 1, 10), ends_at=datetime(2026, 4, 1, 12), reached_female_adult=99)
    other_year = submit_activity(app, starts_at=datetime(2027, 1, 5, 10), ends_at=datetime(2027, 1, 5, 12),
                                 reached_female_adult=50)
    assert approve(huda, other_year.id).status_code == 303


def test_export_writes_the_suppressed_aggregates_of_the_approved_activities(app, staff, content):
    _report_and_approve(app, staff)
    result = app.test_cli_runner().invoke(args=["export-figures", "2026"])
    assert result.exit_code == 0, result.output
    assert "from 5 activities (5 approved reports, 0 event records, 0 from attendance" in result.output
    text = (content / "content/data/figures/2026.yml").read_text(encoding="utf-8")
    figures = load_catalogue(content).figures[2026]  # it loads: schema, references, suppression audit
    jenin = figures.governorates["jenin"]
    assert jenin.events.awareness_meeting == 5 and jenin.events.total == 5
    assert jenin.reached.female.total == sum(p[0] + p[1] for p in PEOPLE) == 120
    assert jenin.reached.total.total == sum(map(sum, PEOPLE)) == 133
    assert jenin.reached.male.under_18 == SMALL  # one boy: never published…
    assert jenin.reached.male.adult == WITHHELD  # …nor worked back from the men's total (12 men, 13 males)
    assert jenin.partners == SMALL  # three organisations (the partner and its two partners)
    with app.app_context():
        records = activity_records(2026)
    assert len(records) == len(PEOPLE)
    expected, _ = publishable(records, 2026, ["jenin"])
    assert figures.cells() == expected
    numbers = [v for v in yaml.safe_load(text)["governorates"]["jenin"]["reached"]["male"].values()]
    assert not [n for n in numbers if isinstance(n, int) and 1 <= n <= 4]
    assert "منى" not in text and "partner@example.org" not in text and "جمعية الاختبار" not in text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_exported_figures_reach_the_built_site(app, staff, content, tmp_path):
    _report_and_approve(app, staff)
    assert app.test_cli_runner().invoke(args=["export-figures", "2026"]).exit_code == 0
    site = tmp_path / "built"
    result = mkdocs_build(site, content_root=content)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "achievements/2026/jenin/index.html").read_text(encoding="utf-8"), "html.parser")
    cells = [td.get_text(strip=True) for td in page.select("table.tw-figures td")]
    assert "120" in cells and shown(SMALL) in cells
    assert (site / "achievements/2026/jenin/reached.csv").exists()


def test_the_sample_figures_come_from_sample_records_through_the_database(database_url, tmp_path):
    """`flask seed-samples` stores the sample activity history as approved activities;
    `flask export-figures YEAR --sample` then writes exactly the repository's sample figures."""
    content = tmp_path / "content-copy"
    for folder in ("content", "campaigns", "events"):
        shutil.copytree(ROOT / folder, content / folder)
    shutil.rmtree(content / "content/data/figures")
    commit_tree(content)
    app = admin_app(database_url, content, tmp_path)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-samples"]).exit_code == 0
    committed = load_catalogue(ROOT).figures
    said = {}
    for year in committed:
        result = runner.invoke(args=["export-figures", str(year), "--sample"])
        assert result.exit_code == 0, result.output
        said[year] = result.output.split(" from ", 1)[1]
        assert git(content, "log", "-1", "--format=%an|%s") == f"تصدير الأرقام السنوية|الأرقام السنوية لعام {year} من سجلات الأنشطة"
    exported = load_catalogue(content).figures
    assert exported.keys() == committed.keys()
    for year, figures in committed.items():
        assert exported[year].sample and exported[year].cells() == figures.cells()
        assert {g: a.campaigns for g, a in exported[year].governorates.items()} == \
               {g: a.campaigns for g, a in figures.governorates.items()}
    # Seeding twice adds no second history.
    assert runner.invoke(args=["seed-samples"]).exit_code == 0
    again = runner.invoke(args=["export-figures", "2025", "--sample"]).output
    assert again == f"content/data/figures/2025.yml unchanged, from {said[2025]}"  # the same counts: no commit
    assert uncommitted(content) == ""
    assert said[2025].split()[0].isdigit() and int(said[2025].split()[0]) > 100
    with app.app_context():
        from forms_service.extensions import db
        db.engine.dispose()
