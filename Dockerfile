# The Pulso worker: runs `pulso serve` (the nightly and weekly deployments) against a Prefect
# server. Base pinned to the Python the project is developed and tested on.
FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and HarfBuzz for WeasyPrint (the report's PDF); DejaVu for its text.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin pulso \
    && mkdir -p /data /config \
    && chown pulso:pulso /data

WORKDIR /app
# Dependencies from the runtime lock only (exact versions, hashes checked), in their own layer.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY pulso ./pulso
COPY settings ./settings
COPY collectors ./collectors
COPY valuation ./valuation
COPY flows ./flows
COPY storage ./storage
COPY reports ./reports
COPY importers ./importers
RUN pip install --no-deps --no-build-isolation . && pip check

USER pulso
WORKDIR /data
ENV PULSO_DATA_DIR=/data \
    PULSO_CONFIG=/config/pulso.toml \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    DO_NOT_TRACK=1

CMD ["pulso", "serve"]
