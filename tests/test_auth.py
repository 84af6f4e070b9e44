"""Sign-in and confidentiality: an anonymous session cannot reach the import form or any
confidential need; signed-in staff can, except in presenter mode."""

from __future__ import annotations

import pytest

from sangaku import auth
from tests.test_pages import _app

PASSWORD = "kōgaku-2026"
HASH = auth.hash_password(PASSWORD, salt=b"fixed-test-salt!")


def test_password_hash_round_trip():
    assert HASH.startswith("scrypt$")
    assert PASSWORD not in HASH
    assert auth.verify_password(PASSWORD, HASH)
    assert not auth.verify_password("wrong", HASH)
    assert not auth.verify_password(PASSWORD, "scrypt$broken")
    assert not auth.verify_password(PASSWORD, "")
    assert auth.hash_password(PASSWORD) != auth.hash_password(PASSWORD)  # salted


def _import_page(**session):
    at = _app(lang="en")
    at.secrets["staff"] = {"password_hash": HASH}
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/import.py").run()
    return at


def _uploaders(at) -> int:
    return len(at.get("file_uploader"))


def test_anonymous_session_gets_the_sign_in_form_not_the_importer():
    at = _import_page()
    assert _uploaders(at) == 0
    assert at.text_input(key="auth_name") is not None
    assert any("signed-in staff" in m.value for m in at.markdown)


def test_without_configuration_nobody_is_staff():
    at = _app(lang="en")
    at.run()
    at.switch_page("pages/import.py").run()
    assert _uploaders(at) == 0
    assert any("not configured" in i.value for i in at.info)


# Signing in with the password (right and wrong) is tested in a real browser in
# test_import_browser.py: AppTest reruns each run once, which drops a form submission.


def _confidential_ids(con) -> set[str]:
    return {r[0] for r in con.execute(
        "select need_id from needs where is_confidential").fetchall()}


def _needs_table(at):
    at.selectbox(key="data_table").select("needs").run()
    return at.dataframe[1].value  # sources, then the chosen table


@pytest.mark.parametrize("staff", [False, True])
def test_data_page_shows_confidential_needs_only_to_staff(con, staff):
    hidden = _confidential_ids(con)
    at = _app(lang="en")
    at.secrets["staff"] = {"password_hash": HASH}
    if staff:
        at.session_state["_staff"] = "Sato"
    at.run()
    at.switch_page("pages/data_sources.py").run()
    shown = set(_needs_table(at).need_id)
    assert hidden
    assert bool(shown & hidden) is staff
    label = at.selectbox(key="data_table").format_func("needs")
    total = con.execute("select count(*) from needs").fetchone()[0]
    assert label == f"needs ({total if staff else total - len(hidden):,})"


@pytest.mark.parametrize("staff,present", [(False, None), (True, None), (True, "session")])
def test_matching_lists_confidential_needs_only_to_staff_outside_presenter_mode(
        con, staff, present):
    titles = {r[0] for r in con.execute(
        "select coalesce(title_en, title_ja) from needs where is_confidential").fetchall()}
    at = _app(lang="en")
    at.secrets["staff"] = {"password_hash": HASH}
    if staff:
        at.session_state["_staff"] = "Sato"
    if present == "session":  # a session opened with ?present=1 that left the slides
        at.session_state["_present"] = True
    at.run()
    at.switch_page("pages/matching.py").run()
    options = {o.replace(" [sample]", "") for o in at.selectbox(key="match_need").options}
    assert bool(options & titles) is (staff and present is None)
