# Production image of the EMPACT cycle manager: gunicorn web, Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system empact && useradd --system --gid empact --home-dir /app empact

# The libraries and fonts WeasyPrint prints PDFs with (empact/pdf.py, docs/pdf.md).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
RUN pip install -c requirements.lock .

COPY --chown=empact:empact . .
# collectstatic needs settings to import; these throwaway values never reach a running container.
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-000 DEBUG=0 \
    STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput -v 0 \
 && mkdir -p /app/var/media /app/var/private && chown -R empact:empact /app/var

USER empact
ENV STATIC_ROOT=/app/staticfiles
EXPOSE 8000
CMD ["gunicorn", "empact.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
