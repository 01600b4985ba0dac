"""The files in deploy/ are real: every setting of the environment example is read by the code,
the systemd units are valid and their commands run (the stack starts the service with them), the
purge timer starts the purge, and the nginx template's policy follows the site's real scripts."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from loopback_stack import BIN, DEPLOY, INSTALLED_APP, ROOT, env_file, unit_commands

from tawasul.csp import UnsafeMarkup, site_policies

SOURCES = [*ROOT.glob("forms_service/**/*.py"), *ROOT.glob("tawasul/**/*.py"), DEPLOY / "gunicorn.conf.py",
           ROOT / "mkdocs.yml"]


def test_every_setting_in_the_environment_example_is_read_by_the_code():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    for name in env_file(DEPLOY / "tawasul.env.example"):
        assert re.search(rf"""["'\[ ]{name}["',\]]""", code), f"{name} is not read anywhere"


def test_the_environment_example_refuses_to_run_as_it_stands():
    """Its placeholders are not usable secrets: production refuses the example SECRET_KEY."""
    from forms_service.config import ConfigError, check
    example = env_file(DEPLOY / "tawasul.env.example")
    with pytest.raises(ConfigError):
        check({"PRODUCTION": example["FORMS_ENV"] == "production", "SECRET_KEY": example["SECRET_KEY"]})


UNITS = ["tawasul-forms.service", "tawasul-purge.service", "tawasul-purge.timer", "tawasul-publish.service"]


@pytest.mark.parametrize("unit", UNITS)
def test_systemd_accepts_the_units(unit, tmp_path):
    """systemd-analyze verify, on copies whose paths point at this checkout and its venv."""
    for name in UNITS:
        text = (DEPLOY / "systemd" / name).read_text(encoding="utf-8").replace(f"{INSTALLED_APP}/.venv/bin", str(BIN))
        text = text.replace(INSTALLED_APP, str(ROOT)).replace("/etc/tawasul/forms.env", str(DEPLOY / "tawasul.env.example"))
        text = re.sub(r"^(User|Group)=.*$", "", text, flags=re.M)  # no `tawasul` account on this machine
        (tmp_path / name).write_text(text, encoding="utf-8")
    verify = shutil.which("systemd-analyze")
    assert verify, "systemd-analyze (Debian's systemd package) is needed to check the units"
    done = subprocess.run([verify, "verify", "--man=no", str(tmp_path / unit)], capture_output=True, text=True)
    problems = [line for line in done.stderr.splitlines() if "tawasul" in line]
    assert done.returncode == 0 and not problems, done.stderr


def test_the_timer_starts_the_purge_and_the_units_share_the_environment_file():
    timer = (DEPLOY / "systemd" / "tawasul-purge.timer").read_text(encoding="utf-8")
    assert "Unit=tawasul-purge.service" in timer and "Persistent=true" in timer
    for unit in ("tawasul-forms.service", "tawasul-purge.service", "tawasul-publish.service"):
        assert "EnvironmentFile=/etc/tawasul/forms.env" in (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
    assert unit_commands("tawasul-forms.service")[0][1:] == ["-c", "deploy/gunicorn.conf.py", "forms_service.wsgi:app"]
    assert unit_commands("tawasul-publish.service")[0][1:] == ["-m", "tawasul", "publish-worker", "/srv/tawasul/site",
                                                               "--repo", "/srv/tawasul/app"]


def test_the_purge_unit_runs_against_the_stack(stack):
    done = stack.run_unit("tawasul-purge.service")
    assert done.returncode == 0, done.stderr
    assert re.match(r"purged \d+ registrations", done.stdout)


def _site(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text(f"<!doctype html><html><head>{body}</head><body></body></html>", encoding="utf-8")
    (site / "assets" / "app.js").write_text("console.log('self')", encoding="utf-8")
    return site


def test_inline_scripts_are_allowed_by_their_hash_only(tmp_path):
    site = _site(tmp_path, '<script>document.title = "x";</script><script src="assets/app.js"></script>'
                           '<script type="application/ld+json">{"a": 1}</script>')
    (policy,) = site_policies(site).values()
    # sha256 of `document.title = "x";`, computed independently: printf %s … | openssl dgst -sha256 -binary | base64
    digest = subprocess.run("printf %s 'document.title = \"x\";' | openssl dgst -sha256 -binary | base64", shell=True,
                            capture_output=True, text=True, check=True).stdout.strip()
    assert f"script-src 'self' 'sha256-{digest}';" in policy
    assert policy.count("sha256-") == 1  # JSON-LD is data, not script


@pytest.mark.parametrize("markup", ['<body onload="go()">', '<p style="color:red">', "<style>p{}</style>"])
def test_markup_only_an_unsafe_policy_would_run_is_refused(tmp_path, markup):
    with pytest.raises(UnsafeMarkup):
        site_policies(_site(tmp_path, markup))
