"""Staff sign-in: who may import files and see needs marked confidential.

Two ways, chosen by `.streamlit/secrets.toml`:

* OIDC (`st.login`) when an `[auth]` section is configured (Streamlit's own settings:
  `redirect_uri`, `cookie_secret`, `client_id`, `client_secret`,
  `server_metadata_url`). Everyone the provider signs in counts as staff, unless
  `[staff] allowed_emails` lists who does.
* Otherwise a shared staff password whose scrypt hash sits in `[staff] password_hash`
  (make one with `python -m sangaku hash-password`). The plain password is never stored.

With neither configured nobody is staff: the Import page says how to configure it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time

import streamlit as st

from .i18n import t

_SCHEME = "scrypt"
_N, _R, _P = 2 ** 14, 8, 1
_FAILED_DELAY = 1.0  # seconds added per failed attempt in a session, up to 5


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$hash` (base64); what goes into secrets.toml."""
    if not password:
        raise ValueError("the password is empty")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join([_SCHEME, str(_N), str(_R), str(_P),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != _SCHEME:
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


# ---------------------------------------------------------------- Streamlit side

def _secrets_section(name: str) -> dict:
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return {}
    return dict(section) if section else {}


def oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def password_configured() -> bool:
    return bool(_secrets_section("staff").get("password_hash"))


def _oidc_user() -> str | None:
    try:
        user = st.user
        if not user.get("is_logged_in"):
            return None
        email = user.get("email")
    except Exception:
        return None
    allowed = _secrets_section("staff").get("allowed_emails")
    if allowed and email not in allowed:
        return None
    return str(email or user.get("name") or "staff")


def staff_name() -> str | None:
    """The signed-in staff member's name, or None for an anonymous session."""
    if oidc_configured():
        return _oidc_user()
    if password_configured():
        return st.session_state.get("_staff")
    return None


def is_staff() -> bool:
    return staff_name() is not None


def sign_in_panel(lang: str) -> None:
    """The sign-in form (or provider button) for an anonymous session."""
    if oidc_configured():
        if st.button(t("auth.sign_in_oidc", lang), key="auth_login", type="primary"):
            st.login()
        return
    if not password_configured():
        st.info(t("auth.not_configured", lang), icon=":material/lock:")
        return
    with st.form("sign_in"):
        name = st.text_input(t("auth.name", lang), key="auth_name", max_chars=80)
        password = st.text_input(t("auth.password", lang), type="password",
                                 key="auth_password", max_chars=200)
        submitted = st.form_submit_button(t("auth.sign_in", lang), type="primary")
    if submitted:
        failures = st.session_state.get("_auth_failures", 0)
        encoded = _secrets_section("staff")["password_hash"]
        if name.strip() and verify_password(password, encoded):
            st.session_state["_staff"] = name.strip()
            st.session_state["_auth_failures"] = 0
            st.rerun()
        else:
            time.sleep(min(_FAILED_DELAY * (failures + 1), 5.0))
            st.session_state["_auth_failures"] = failures + 1
            st.error(t("auth.failed", lang), icon=":material/error:")


def sign_out_button(lang: str) -> None:
    if st.button(t("auth.sign_out", lang), key="auth_logout"):
        st.session_state.pop("_staff", None)
        if oidc_configured():
            st.logout()
        st.rerun()
