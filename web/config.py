"""The web app's configuration (the environment is read by ``kiz_graph.config``)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kiz_graph import config
from kiz_graph.store.settings import PROJECT_ROOT

INSTANCE_DIR = PROJECT_ROOT / "instance"  # git-ignored: the demo's secret key, uploads


def from_env() -> dict:
    return {
        "SECRET_KEY": config.secret_key(),
        # Cookies: never readable by scripts, never sent cross-site; Secure behind https.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": config.https(),
        "MAX_CONTENT_LENGTH": 32 * 1024 * 1024,
        # One CSRF token per session, valid while the session runs (a long form must not
        # expire); the session itself ends after its idle and absolute timeouts.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_TIMEOUTS": config.session_timeouts(),
        # Large answers travel compressed (brotli or gzip, as the browser accepts): the
        # network drawing's data, downloads, scripts and styles. Not the HTML pages: they carry
        # the CSRF token beside text a user typed, which compression would let an attacker
        # guess over https (BREACH).
        "COMPRESS_MIMETYPES": ["application/json", "text/csv", "application/xml", "text/css",
                               "application/javascript", "text/javascript", "image/svg+xml"],
        "COMPRESS_MIN_SIZE": 1024,
        "PROXIES": config.proxies(),
    }


def demo_secret_key(instance_dir: Path = INSTANCE_DIR) -> str:
    """The demo's own secret key, generated once into the git-ignored instance folder."""
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
    return path.read_text().strip()
