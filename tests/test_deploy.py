"""deploy/compose.yaml checked against the code, since no Docker engine runs here (issue 18): every
variable it sets is one the bot reads, the workers run a real `docbot` command in webhook mode on the
port and path the reverse proxy sends to, the store is PostgreSQL, and the health checks are there."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bot.app import webhook_options
from bot.config import load_settings

yaml = pytest.importorskip("yaml")
ROOT = Path(__file__).resolve().parents[1]
ENV = {"TELEGRAM_BOT_TOKEN": "1:x", "POSTGRES_PASSWORD": "p@ss:w/rd", "DOCBOT_PUBLIC_URL": "https://bot.example.org",
       "DOCBOT_PUBLIC_HOST": "bot.example.org", "DOCBOT_ADMINS": "11", "DOCBOT_TIMEZONE": ""}


def _interpolate(value: str) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?message} against ENV."""
    def one(m: re.Match) -> str:
        name, op, arg = m.group(1), m.group(2) or "", m.group(3) or ""
        got = ENV.get(name, "")
        if op == ":-":
            return got or arg
        assert got or op != ":?", f"{name} is required"
        return got
    return re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", one, value)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))


def _workers(compose: dict) -> dict[str, dict]:
    return {name: svc for name, svc in compose["services"].items() if svc.get("command", [None])[0] == "docbot"}


def _read_by_the_bot() -> set[str]:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    return set(re.findall(r"""["']((?:DOCBOT|TELEGRAM)_[A-Z_]+)["']""", code)) | {"PGPASSWORD", "HF_HUB_OFFLINE"}


def test_the_workers_environment_is_what_the_bot_reads_and_makes_shared_webhook_workers(compose):
    workers = _workers(compose)
    assert len(workers) >= 2
    for name, svc in workers.items():
        env = {k: _interpolate(str(v)) for k, v in svc["environment"].items()}
        assert set(env) <= _read_by_the_bot(), (name, set(env) - _read_by_the_bot())
        assert svc["command"] == ["docbot", "run", "--webhook"]
        settings = load_settings(env | {"DOCBOT_DATA_DIR": "/data"})
        assert settings.shared and urlparse(settings.database_url).hostname == "postgres"
        assert ENV["POSTGRES_PASSWORD"] not in settings.database_url  # libpq reads PGPASSWORD
        assert settings.timezone == "Asia/Shanghai" and settings.admins == {11}
        assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert any(v.endswith(":/data") for v in svc["volumes"])  # the image's DOCBOT_DATA_DIR
        options = webhook_options(settings)
        caddy = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
        assert f"handle /{options['url_path']}" in caddy and f"{name}:{options['port']}" in caddy
        assert options["listen"] == "0.0.0.0" and options["webhook_url"].startswith("https://")


def test_the_database_and_the_workers_have_health_checks(compose):
    assert "pg_isready" in compose["services"]["postgres"]["healthcheck"]["test"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'HEALTHCHECK' in dockerfile and '"docbot", "status", "--check"' in dockerfile
    assert "DOCBOT_DATA_DIR=/data" in dockerfile
