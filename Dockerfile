# 党建文件助手 — the Telegram bot (`docbot run`). Build: docker build -t docbot .
# Run:  docker run -d --name docbot -e TELEGRAM_BOT_TOKEN=… -e DOCBOT_ADMINS=… -v docbot-data:/data docbot
FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DOCBOT_DATA_DIR=/data \
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
CMD ["docbot", "run"]
