"""Settings from the environment (and an optional config file), read once at start-up.

Only bot/ reads the environment; everything below receives these values as arguments.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus import BUNDLED_DIR

DEFAULT_EMBEDDING_MODEL = "BAAI/bge-small-zh-v1.5"


def _ids(value: str) -> frozenset[int]:
    out = set()
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if part.lstrip("-").isascii() and part.lstrip("-").isdigit():  # not "²": int() would fail
            out.add(int(part))
    return frozenset(out)


def models_dir_from(env: Mapping[str, str]) -> Path:
    """Where the built-in Chinese model is built, once per machine and shared by every data dir, the
    tests and `docbot eval`: DOCBOT_MODELS_DIR, else the user's cache dir (XDG: $XDG_CACHE_HOME,
    else ~/.cache) / docbot/models."""
    if env.get("DOCBOT_MODELS_DIR"):
        return Path(env["DOCBOT_MODELS_DIR"]).expanduser()
    cache = env.get("XDG_CACHE_HOME", "")
    base = Path(cache) if cache and Path(cache).is_absolute() else Path(env.get("HOME") or Path.home()) / ".cache"
    return base / "docbot" / "models"


def _minutes(value: str, default: int = 60) -> int:
    """A bounded number of minutes (1 minute … 7 days); anything else means the default."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and 1 <= int(value) <= 7 * 24 * 60 else default


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = BUNDLED_DIR
    data_dir: Path = Path("data")
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    telegram_token: str = ""
    telegram_api_base_url: str = ""
    admins: frozenset[int] = field(default_factory=frozenset)
    timezone: str = "Asia/Shanghai"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - the container's webhook must accept outside traffic
    webhook_port: int = 8443
    log_text: bool = False  # DOCBOT_LOG_TEXT=1: question text in the JSON question log (debugging only)
    inbox_max_age_minutes: int = 60  # unfinished updates older than this are not replayed (an apology instead)
    context_minutes: int = 30  # a conversation's follow-ups refer to the previous answer for this long
    # Where the built-in Chinese model is built (once per machine, 470 MB): every data dir shares it,
    # so evaluation's fresh data dir per document and a new data dir never build it again.
    models_dir: Path = field(default_factory=lambda: models_dir_from(os.environ))
    database_url: str = ""  # DOCBOT_DATABASE_URL: unset or sqlite:///path → SQLite; postgresql://… → shared

    @property
    def db_path(self) -> Path:
        return self.data_dir / "docbot.sqlite3"

    @property
    def store(self) -> str | Path:
        """What assistant.storage.store.open_db opens: the SQLite file, or the PostgreSQL URL."""
        from assistant.storage.backend import resolve

        return resolve(self.database_url, self.db_path)

    @property
    def shared(self) -> bool:
        """Several workers share a PostgreSQL store (webhook workers, leader-elected scheduler)."""
        return isinstance(self.store, str)

    @property
    def inbox_path(self) -> Path:
        return self.data_dir / "inbox.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def uploads_dir(self) -> Path:
        """Documents added by admins: beside the corpus, never inside it (the bundled one is read-only)."""
        from assistant.operations.data_dir import uploads_dir

        return uploads_dir(self.data_dir)


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Environment first; DOCBOT_CONFIG may name a TOML file whose keys are the variable names."""
    env = dict(os.environ if env is None else env)
    cfg_path = env.get("DOCBOT_CONFIG")
    if cfg_path and Path(cfg_path).is_file():
        import tomllib  # only with a config file: its regexes are a few ms of every command's start-up

        with open(cfg_path, "rb") as fh:
            for k, v in tomllib.load(fh).items():
                env.setdefault(k.upper(), str(v))
    return Settings(
        corpus_dir=Path(env.get("DOCBOT_CORPUS_DIR") or BUNDLED_DIR),
        data_dir=Path(env.get("DOCBOT_DATA_DIR") or "data"),
        embedding_model=env.get("DOCBOT_EMBEDDING_MODEL") or DEFAULT_EMBEDDING_MODEL,
        telegram_token=env.get("TELEGRAM_BOT_TOKEN", ""),
        telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL", ""),
        admins=_ids(env.get("DOCBOT_ADMINS", "")),
        timezone=env.get("DOCBOT_TIMEZONE") or "Asia/Shanghai",
        webhook_url=env.get("DOCBOT_WEBHOOK_URL", ""),
        webhook_listen=env.get("DOCBOT_WEBHOOK_LISTEN") or "0.0.0.0",  # noqa: S104
        webhook_port=int(env.get("DOCBOT_WEBHOOK_PORT") or 8443),
        log_text=env.get("DOCBOT_LOG_TEXT", "").strip().lower() in ("1", "true", "yes"),
        inbox_max_age_minutes=_minutes(env.get("DOCBOT_INBOX_MAX_AGE", "")),
        context_minutes=_minutes(env.get("DOCBOT_CONTEXT_MINUTES", ""), default=30),
        models_dir=models_dir_from(env),
        database_url=env.get("DOCBOT_DATABASE_URL", ""),
    )
