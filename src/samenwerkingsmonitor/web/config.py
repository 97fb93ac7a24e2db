"""How one web application is set up: its database, its secret, and its look."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

SESSION_HOURS = 8


@dataclass(frozen=True)
class WebConfig:
    database: str
    # Signs the session cookie. A new one per start logs everybody out; set
    # SAMENWERKINGSMONITOR_SECRET_KEY to keep sessions across restarts (docs/beheer.md).
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    secure_cookies: bool = True  # Secure cookies; browsers accept them on 127.0.0.1 and behind TLS
    theme_css: Path | None = None  # a municipality's CSS custom properties, served after ours
    upload_dir: Path | None = None  # where an upload waits between check and save; None: temp
    max_upload_mb: float = 50.0
    language: str = "nl"
