# One Dockerfile, one target per kind of image (docs/adr/0038-images-and-compose.md):
#   docker build --target service --build-arg SERVICE=identity -t shomei/identity .
#   docker build --target simulators -t shomei/simulators .
# BASE_IMAGE is any Debian bookworm with Python 3.11, `python3 -m venv` and useradd: the official
# slim image by default, a locally built one where no registry can be reached (tests/docker).
ARG BASE_IMAGE=python:3.11-slim-bookworm

# --- manifests: only what decides the dependencies (every pyproject.toml and the constraints),
# so a change of code alone never rebuilds the wheels ------------------------------------------
FROM ${BASE_IMAGE} AS manifests
COPY . /context
RUN cd /context && for project in $(find . -name pyproject.toml -not -path ./pyproject.toml); do \
      mkdir -p "/manifests/$(dirname "$project")/src" && cp "$project" "/manifests/$project"; \
    done && mkdir -p /manifests/requirements && cp requirements/constraints.txt /manifests/requirements/

# --- wheels: every Python dependency of the suite, built once and shared by every target -------
FROM ${BASE_IMAGE} AS wheels
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_PYTHON_VERSION_WARNING=1
RUN python3 -m venv /opt/build
COPY --from=manifests /manifests /src
WORKDIR /src
# The suite's own packages are built (empty) only so pip resolves their dependencies; the final
# stages run them from source (migrations live beside src/, as in the repository).
RUN --mount=type=cache,target=/root/.cache/pip \
    /opt/build/bin/pip wheel -q --wheel-dir /wheels -c requirements/constraints.txt \
      ./shared ./devtools ./simulators ./services/*

# --- runtime: what every final image shares (no compilers, no build tools) ----------------------
FROM ${BASE_IMAGE} AS runtime
# Debian packages an image needs at run time (print-gateway and enrollment: the IPAex fonts).
ARG DEBIAN_PACKAGES=""
RUN if [ -n "$DEBIAN_PACKAGES" ]; then \
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $DEBIAN_PACKAGES \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
 && useradd --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin shomei \
 && mkdir -p /run/shomei && chown shomei:shomei /run/shomei \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 SHOMEI_ENV_DIR=/run/shomei/env
WORKDIR /app

# --- one image per service: `docker run IMAGE web|consumer|relay|jobs|...` -----------------------
FROM runtime AS service
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build with --build-arg SERVICE=<name>" >&2; exit 1; }
# Install the service and its dependencies from the wheels, then drop the suite's own packages:
# PYTHONPATH serves them from source below.
RUN --mount=type=bind,from=wheels,source=/wheels,target=/wheels \
    pip install -q --no-index --find-links /wheels "shomei-${SERVICE}" \
 && pip uninstall -q -y "shomei-${SERVICE}" shomei-shared
COPY shared/src shared/src
# Its package, migrations and topics (tests stay out: .dockerignore).
COPY services/${SERVICE} services/${SERVICE}
ENV SHOMEI_SERVICE=${SERVICE} SHOMEI_ENVIRONMENT=production PORT=8000 \
    PYTHONPATH=/app/services/${SERVICE}/src:/app/shared/src
COPY --chmod=0755 infra/docker/shomei-process /usr/local/bin/shomei-process
USER 10001
# The root filesystem is read-only at run time; only /tmp (gunicorn's worker heartbeats) is
# written, and the compose file and the manifests mount it as a tmpfs.
VOLUME ["/tmp"]
EXPOSE 8000
# Only the web process answers; other processes run with `--no-healthcheck` or an override.
# A long start period costs nothing (the first success counts at once) and lets migrations run
# on a loaded machine; a check is a fresh Python, hence the generous timeout.
HEALTHCHECK --interval=5s --timeout=10s --start-period=300s --retries=6 \
  CMD ["shomei-process", "healthcheck"]
ENTRYPOINT ["shomei-process"]
CMD ["web"]

# --- the simulators and the suite's tooling (mailbox, PayPal, Smart Pit, store printers; the
# compose file's one-shot secret and Kafka provisioning steps) -----------------------------------
FROM runtime AS simulators
RUN --mount=type=bind,from=wheels,source=/wheels,target=/wheels \
    pip install -q --no-index --find-links /wheels /wheels/shomei_*.whl \
 && pip freeze | grep -o '^shomei-[a-z-]*' | xargs pip uninstall -q -y
COPY Makefile Makefile
COPY infra infra
COPY shared shared
COPY devtools devtools
COPY simulators simulators
COPY services services
ENV SHOMEI_SERVICE=simulators SHOMEI_ENVIRONMENT=development SHOMEI_RUN_DIR=/run/shomei \
    PYTHONPATH=/app/shared/src:/app/devtools/src:/app/simulators/src
COPY --chmod=0755 infra/docker/shomei-process /usr/local/bin/shomei-process
USER 10001
VOLUME ["/tmp"]
ENTRYPOINT ["shomei-process"]
CMD ["mailbox"]
