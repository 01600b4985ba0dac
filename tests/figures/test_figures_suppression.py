"""Small-cell suppression, tested the way an attacker would read the published figures."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.figures_audit import recovered_cells

from tawasul.figures.aggregate import publishable, raw_counts
from tawasul.figures.aggregate import governorates_with_centres
from tawasul.figures.samples import YEARS, sample_records
from tawasul.figures.suppression import SMALL, WITHHELD, bounds, recoverable
from tawasul.figures.tables import Relation
from tawasul.figures.tables import relations
from tawasul.loader import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
FIGURES = ROOT / "content" / "data" / "figures"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


def _numbers(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _numbers(value)
    elif isinstance(node, int) and not isinstance(node, bool):
        yield node


@pytest.mark.parametrize("year", YEARS)
def test_no_published_file_holds_a_count_from_one_to_four(year):
    data = yaml.safe_load((FIGURES / f"{year}.yml").read_text(encoding="utf-8"))
    counts = [n for n in _numbers({k: v for k, v in data.items() if k != "year"})]
    assert counts and not [n for n in counts if 1 <= n <= 4]
    text = (FIGURES / f"{year}.yml").read_text(encoding="utf-8")
    assert f'"{SMALL}"' in text and WITHHELD in text  # the sample shows both kinds of suppression


@pytest.mark.parametrize("year", YEARS)
def test_no_hidden_cell_of_the_published_sample_can_be_recovered(catalogue, year):
    figures = catalogue.figures[year]
    cells = figures.cells()
    assert sum(v == SMALL for v in cells.values()) >= 10
    assert recovered_cells(cells, figures.relations()) == {}


@pytest.mark.parametrize("year", YEARS)
def test_the_audit_recovers_small_counts_when_secondary_suppression_is_off(catalogue, year):
    governorates = governorates_with_centres(catalogue)
    records = sample_records(catalogue, year)
    raw, _ = raw_counts(records, year, governorates)
    leaky, _ = publishable(records, year, governorates, secondary=False)
    recovered = recovered_cells(leaky, relations(governorates))
    small = {cell: value for cell, value in recovered.items() if leaky[cell] == SMALL}
    assert small, "primary suppression alone should give small counts away"
    assert all(raw[cell] == value for cell, value in small.items())  # and it gives the true ones


@pytest.mark.parametrize("year", YEARS)
def test_published_figures_are_the_suppressed_aggregates_of_the_sample_records(catalogue, year):
    governorates = governorates_with_centres(catalogue)
    raw, campaigns = raw_counts(sample_records(catalogue, year), year, governorates)
    published, _ = publishable(sample_records(catalogue, year), year, governorates)
    figures = catalogue.figures[year]
    assert figures.sample and list(figures.governorates) == governorates
    assert figures.cells() == published
    for cell, value in published.items():
        assert value == raw[cell] or (value == SMALL and 1 <= raw[cell] <= 4) or (value == WITHHELD and raw[cell] >= 5)
    assert {g: a.campaigns for g, a in figures.governorates.items() if a.campaigns} == campaigns


def test_the_committed_sample_files_are_current():
    result = subprocess.run([sys.executable, "-m", "tawasul", "sample-figures", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_loaders_attacker_solves_totals_together_not_only_row_by_row():
    """x + y = 30, x + z = 40, y + z = 50: no single total pins a cell, the three together do."""
    x, y, z = ("x",), ("y",), ("z",)
    rels = [Relation(("t1",), [x, y]), Relation(("t2",), [x, z]), Relation(("t3",), [y, z])]
    published = {("t1",): 30, ("t2",): 40, ("t3",): 50, x: WITHHELD, y: WITHHELD, z: WITHHELD}
    assert all(low < high for low, high in bounds(published, rels).values())
    assert recoverable(published, rels) == {x: 10, y: 20, z: 30} == recovered_cells(published, rels)


@pytest.mark.parametrize("year", YEARS)
def test_the_loaders_attacker_finds_what_the_independent_one_finds(catalogue, year):
    governorates = governorates_with_centres(catalogue)
    leaky, _ = publishable(sample_records(catalogue, year), year, governorates, secondary=False)
    found = recovered_cells(leaky, relations(governorates))
    assert found and recoverable(leaky, relations(governorates)) == found
