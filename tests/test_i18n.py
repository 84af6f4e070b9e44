"""Every UI string exists in Japanese and English, and every key the code uses exists."""

import re

from sangaku.i18n import LANGS, STRINGS, t
from sangaku.paths import ROOT

KEY_RE = re.compile(r"""\bt\(\s*f?["']([a-z0-9_.{}]+)["']""")


def test_every_string_has_both_languages():
    for key, entry in STRINGS.items():
        for lang in LANGS:
            assert entry.get(lang), f"{key} has no {lang}"


def test_every_key_used_in_code_exists():
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "sangaku").glob("*.py")]
    for path in files:
        for key in KEY_RE.findall(path.read_text(encoding="utf-8")):
            if "{" in key:  # f-string keys: check the fixed prefix exists
                prefix = key.split("{", 1)[0]
                assert any(k.startswith(prefix) for k in STRINGS), f"{path.name}: {key}"
            else:
                assert key in STRINGS, f"{path.name}: unknown key {key}"


def test_formatting_and_fallback():
    assert t("common.rows", "en", n=3) == "3 rows"
    assert t("common.rows", "xx", n=3) == "3 行"
