"""Settings of the EMPACT cycle manager: one module, every value from the environment.

See ``.env.example`` and the configuration table in README.md for each variable.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from empact.config import database_config, parse_bool, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _bool(name: str, default: bool) -> bool:
    return parse_bool(name, env.str(name, default="1" if default else "0"))


def _env(parse, name: str, **kwargs):
    try:
        return parse(name, **kwargs)
    except (ValueError, ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} is not valid: {exc}") from exc


DEBUG = _bool("DEBUG", False)
# The demo commands create accounts with a published password: only on a database marked as a demo.
EMPACT_DEMO_DATABASE = _bool("EMPACT_DEMO_DATABASE", False)
SECRET_KEY = secret_key(
    env.str("SECRET_KEY", default=""), debug=DEBUG, dev_key_file=VAR_DIR / "dev-secret-key"
)
ALLOWED_HOSTS = _env(env.list, "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = _env(env.list, "CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "empact.admin.EmpactAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the built-in widget templates, for EclFormRenderer
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "django_htmx",
    "axes",
    "empact",
    "actors",
    "cycles",
    "priorities",
    "oaps",
    "discussion",
    "reviews",
    "funding",
    "assessments",
    "revisions",
    "reminders",
    "workspace",
    "demo",
]

MIDDLEWARE = [
    "empact.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "empact.views.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "empact.urls"
WSGI_APPLICATION = "empact.wsgi.application"
ASGI_APPLICATION = "empact.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workspace.navigation.main_nav",
            ],
        },
    },
]
FORM_RENDERER = "empact.forms.EclFormRenderer"

# Database: PostgreSQL in production and tests; an SQLite file for `make run`.
DATABASES = {
    "default": database_config(
        env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'empact.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves as cache and Celery broker in production; without it, the app runs embedded.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis in production; a filesystem broker under var/celery/ when no Redis is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery' / 'results'}"
)
CELERY_FILESYSTEM_FOLDER = VAR_DIR / "celery"
CELERY_TASK_ALWAYS_EAGER = _bool("CELERY_TASK_ALWAYS_EAGER", False)
# Reminders (issue 13): an unacknowledged message comes back to a worker after this many seconds
# (a worker killed mid-batch); a claim on an e-mail older than the claim timeout may be taken
# over; a failing mail server is retried with a backoff from REMINDERS_RETRY_SECONDS, doubling.
CELERY_VISIBILITY_TIMEOUT = _env(env.int, "CELERY_VISIBILITY_TIMEOUT", default=3600)
REMINDERS_CLAIM_TIMEOUT = _env(env.int, "REMINDERS_CLAIM_TIMEOUT", default=900)
REMINDERS_RETRY_SECONDS = _env(env.int, "REMINDERS_RETRY_SECONDS", default=60)
REMINDERS_EMAIL_RETRIES = _env(env.int, "REMINDERS_EMAIL_RETRIES", default=8)

AUTH_USER_MODEL = "actors.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account or address
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row, no anonymous N+1
GUARDIAN_MONKEY_PATCH_USER = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute force (empact/signin.py): every password check counts, per account and per address. The
# account limit stops guessing one password; the higher address limit stops spraying many
# accounts without locking a whole office behind one address; the cool-off is short and not
# extended by tries during the lockout, so an attacker cannot keep a victim out for long.
SIGN_IN_ACCOUNT_FAILURE_LIMIT = 5
SIGN_IN_ADDRESS_FAILURE_LIMIT = 20
AXES_HANDLER = "empact.signin.SignInAttemptHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = SIGN_IN_ADDRESS_FAILURE_LIMIT  # axes' own check; the handler has both
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field, which holds the e-mail address
AXES_USERNAME_CALLABLE = "empact.signin.attempted_account"
AXES_CLIENT_IP_CALLABLE = "empact.signin.client_address"
AXES_LOCKOUT_CALLABLE = "empact.signin.locked_out"
AXES_ENABLE_ADMIN = False  # the cache handler keeps no rows to show
AXES_VERBOSE = False
# Proxies in front of the app that append to X-Forwarded-For (0: use the connection's address).
TRUSTED_PROXY_COUNT = _env(env.int, "TRUSTED_PROXY_COUNT", default=0)
# Password-reset mails: per target address and per client address, an hour.
PASSWORD_RESET_ACCOUNT_LIMIT = 3
PASSWORD_RESET_ADDRESS_LIMIT = 20
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Internationalisation: stored in UTC, shown in Europe/Brussels, English source, Dutch and
# French (the Council's other working language).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("nl", _("Dutch"))]
# EU English dates (27/11/2026, 27 November 2026) instead of Django's US defaults.
FORMAT_MODULE_PATH = ["empact.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploaded documents (empact/storage.py): outside the static and media roots, never served by
# URL, only through permission-checked views. DOCUMENT_MAX_BYTES: the largest upload accepted.
PRIVATE_MEDIA_ROOT = env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
DOCUMENT_MAX_BYTES = _env(env.int, "DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)

# E-mail. SITE_URL is the address people use, for links in e-mails sent outside a request.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = _env(env.int, "EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = _bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="EMPACT cycle manager <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: secure defaults; `manage.py check --deploy` passes with production values.
SECURE_HTTPS = _bool("SECURE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = _env(env.int, "SECURE_HSTS_SECONDS", default=31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every response, static files and errors included: only
# scripts, styles and fonts of this site, no inline script or style, no eval. Text that escaping
# ever misses still cannot run. Swagger UI starts from drf-spectacular's split-view script (a URL,
# not inline); htmx takes its settings from <meta name="htmx-config"> in base.html (see
# docs/security.md).
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware"), "csp.middleware.CSPMiddleware"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logging: JSON lines in production, readable lines in development; request id on every line.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT is not valid: use 'text' or 'json'.")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "empact.logging.RequestIdFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s",
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "empact.api.views.ApiAutoSchema",
    # Token first: its WWW-Authenticate header makes a missing login a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "actors.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "empact.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "empact.api.errors.exception_handler",
    # The burst and the sustained rate, counted together (one cache round trip a request).
    "DEFAULT_THROTTLE_CLASSES": ["empact.api.throttling.ApiRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "burst": env.str("API_RATE_BURST", default="100/min"),
        "sustained": env.str("API_RATE_SUSTAINED", default="2000/hour"),
        "export": env.str("API_RATE_EXPORT", default="60/hour"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EMPACT cycle manager API",
    "DESCRIPTION": (
        "The REST API of the EMPACT cycle manager for Europol, the Commission and integrations. "
        "Authenticate with a personal token (`Authorization: Token <key>`) or a browser session. "
        "Every list is paginated (`page`, `page_size` up to 500) and filtered by what the caller "
        "may see; changes need `If-Match` with the object's `ETag`. Errors share one format: "
        "`{status, code, message, fields}`. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_PUBLIC": True,
    # Swagger UI's JavaScript and CSS from the drf-spectacular-sidecar package, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts them as links inside the operations' buttons (nested
    # interactive controls, which screen readers cannot use); examples without syntax colours (too
    # little contrast on the dark background).
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": False,
        "persistAuthorization": False,
        "syntaxHighlight": False,
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "empact.api.schema.fields_are_optional_in_answers",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CycleStepEnum": "cycles.models.Cycle.Step",
        "FundingRequestStatusEnum": "funding.models.FundingRequest.Status",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Reverting from the admin would bypass the services layer and its checks.
SIMPLE_HISTORY_REVERT_DISABLED = True
