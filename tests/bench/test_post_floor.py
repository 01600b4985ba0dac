"""bench/post_floor.py: its floor POST keeps the guarantees it stands for (a CSRF check, a row
on disk before the 303), and a tiny run of the whole script measures every phase without error."""
from __future__ import annotations

import json
import sqlite3

import forms_bench
import post_floor


def test_the_floor_checks_the_csrf_token_and_stores_before_answering(tmp_path, monkeypatch):
    monkeypatch.setenv("TAWASUL_TODAY", forms_bench.TODAY)
    database = tmp_path / "floor.sqlite3"
    post_floor.floor_app.create_table(f"sqlite:///{database}")
    measured = post_floor.InProcess(tmp_path, f"sqlite:///{database}")

    token = measured.fields["csrf_token"]
    measured.fields["csrf_token"] = "forged"
    status, _headers, _body = measured._posted_to(post_floor.floor_app.PATH)
    assert status.startswith("400")

    measured.fields["csrf_token"] = token
    status, headers, _body = measured._posted_to(post_floor.floor_app.PATH)
    assert status.startswith("303") and headers["Location"].endswith(post_floor.floor_app.PATH)
    # Read from outside the app: the row was committed (WAL, synchronous=FULL) before the answer.
    with sqlite3.connect(database) as outside:
        assert outside.execute("SELECT name, contact FROM bench_floor").fetchall() == [("سلمى", "0599000002")]


def test_a_tiny_run_measures_every_phase_without_error(tmp_path):
    out = tmp_path / "floor.json"
    assert post_floor.main(["--seconds", "1", "--rounds", "1", "--modes", "make run", "--databases", "sqlite",
                            "--pages", "1500", "--requests", "10", "--out", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    [row] = results["setups"]["make run, sqlite, own"]
    for phase in post_floor.PHASES:
        assert row[phase]["errors"] == 0 and row[phase]["requests"] > 0, phase
        assert row[phase]["cpu_ms"]["server"]["user"] > 0, phase
    assert row["floor rows"] >= row["floor POST"]["requests"]
    assert row["registrations"] >= row["register POST"]["requests"] and not row["oversold"]
    assert set(results["in process"]["sqlite"]) == set(post_floor.PHASES)
    assert 0 < results["summary"]["make run, sqlite, own"]["floor POST / trivial, rps"] < 1
