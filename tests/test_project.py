"""Project invariants: the data dictionary is current, dependencies are pinned and locked,
no SQL is written in pages, the built database is not committed."""

import re
import subprocess
import tomllib

from sangaku import docs
from sangaku.paths import ROOT


def test_data_dictionary_is_up_to_date():
    assert docs.DICTIONARY.read_text(encoding="utf-8") == docs.render(), \
        "run `python -m sangaku docs`"


def test_dependencies_are_pinned_and_match_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = project["dependencies"] + project["optional-dependencies"]["test"]
    lock = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            lock[name.lower().replace("_", "-")] = version
    for pin in pins:
        name, version = pin.split("==")
        assert lock.get(name.lower()) == version, pin


def test_pages_hold_no_sql_and_open_no_connections():
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "duckdb" not in text, path.name
        assert not re.search(r"\bselect\b.+\bfrom\b", text, re.I), path.name


def test_no_database_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    assert not [f for f in tracked if f.endswith(".duckdb")]
