# 党建文件助手 — the Telegram bot (`docbot run`). Build: docker build -t docbot .
# Run:  docker run -d --name docbot -e TELEGRAM_BOT_TOKEN=… -e DOCBOT_ADMINS=… -v docbot-data:/data docbot
# Base image pinned by digest, so a rebuild gets the same bytes. The digest was taken from public
# Dockerfiles pinning this tag (no registry was reachable where it was written): check it with
# `docker buildx imagetools inspect python:3.11.7-slim-bookworm` and update tag + digest together.
FROM python:3.11.7-slim-bookworm@sha256:cfd7ed5c11a88ce533d69a1da2fd932d647f9eb6791c5b4ddce081aedf7f7876

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DOCBOT_DATA_DIR=/data \
    DOCBOT_MODELS_DIR=/data/models \
    HF_HOME=/data/huggingface

WORKDIR /app

# LibreOffice Writer (headless, no GUI) reads the .doc / .wps files admins upload. Not pinned to a
# Debian revision: bookworm's security updates replace old revisions, and a pin would break the build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui \
    && rm -rf /var/lib/apt/lists/*

# torch first, pinned, CPU-only from the PyTorch index: the default index would pull ~2 GB of CUDA.
RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY assistant ./assistant
COPY index ./index
COPY corpus ./corpus
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin docbot \
    && mkdir -p /data \
    && chown docbot:docbot /data

# Everything that changes lives here: SQLite store, search index, uploaded documents (/data/uploads,
# loaded with the read-only bundled corpus), the downloaded embedding model.
VOLUME ["/data"]
USER 10001:10001

# Long polling by default; SIGTERM (docker stop) ends it cleanly within seconds.
# Webhook mode: set DOCBOT_WEBHOOK_URL and run `docbot run --webhook` (listens on DOCBOT_WEBHOOK_PORT, 8443).
EXPOSE 8443
# Alive = the bot's event loop wrote its heartbeat (every 30 s) within the last 2 minutes (bot/status.py).
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 CMD ["docbot", "status", "--check"]
CMD ["docbot", "run"]
