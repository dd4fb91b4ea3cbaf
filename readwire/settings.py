"""Readwire settings: one module, driven by the environment.

With nothing set, Readwire runs on SQLite with everything kept under ``var/``.
Production sets ``DATABASE_URL``, ``REDIS_URL``, ``READWIRE_ALLOWED_HOSTS`` and friends;
see docs/configuration.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from readwire.lib.env import ConfigurationError, env_bool, env_int, env_list, env_str
from readwire.lib.keys import load_or_create_secret_key, load_or_create_vapid_keys

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("READWIRE_VAR_DIR", str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("READWIRE_DEBUG", False)
SECRET_KEY = env_str("READWIRE_SECRET_KEY") or load_or_create_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("READWIRE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("READWIRE_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("READWIRE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("READWIRE_SITE_NAME", "Readwire")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "ninja",
    "readwire.accounts",
    "readwire.billing",
    "readwire.wire",
    "readwire.topics",
    "readwire.search",
    "readwire.site",
    "readwire.newsroom",
    "readwire.api",
    "readwire.delivery",
    "readwire.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that asks the shared cache for the wire's generation or a reader's version.
    "readwire.lib.request_memo.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "readwire.urls"
WSGI_APPLICATION = "readwire.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "readwire.site.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'readwire.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ConfigurationError(f"DATABASE_URL is not a database URL Readwire understands: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the worker writes; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between two writers.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background work --------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "readwire.lib.redis_cache.RedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "readwire.lib.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
        "sessions": {
            "BACKEND": "readwire.lib.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sessions",
        },
    }
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "readwire",
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {
            "workers": env_int("READWIRE_WORKER_THREADS", 4, minimum=1),
            "worker_type": "thread",
            "blocking": True,
        },
    }
else:
    # Files, not process memory: every web worker and the task worker share them, so a page copy's
    # generation, a signed-out session and a throttle's count of sign-in attempts hold in all.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "sessions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "session-cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "readwire",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
        # A short polling delay keeps breaking alerts moving in well under a second.
        "consumer": {
            "workers": env_int("READWIRE_WORKER_THREADS", 2, minimum=1),
            "worker_type": "thread",
            "initial_delay": 0.05,
            "backoff": 1.15,
            "max_delay": 0.5,
        },
    }
HUEY["immediate"] = env_bool("READWIRE_TASKS_IMMEDIATE", False)
# How long the server keeps its own copy of a rendered reader page (readwire.site.page_cache); 0: never.
READWIRE_PAGE_CACHE_SECONDS = env_int("READWIRE_PAGE_CACHE_SECONDS", 60, minimum=0)

# --- Auth -----------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTH_USER_MODEL = "accounts.User"
# Django's ModelBackend, with the signed-in reader's row kept between requests (accounts.backends).
AUTHENTICATION_BACKENDS = ["readwire.accounts.backends.ReaderBackend"]
LOGIN_URL = "/account/sign-in/"

# --- Internationalisation and time ----------------------------------------------------------
LANGUAGE_CODE = "en-au"
TIME_ZONE = env_str("READWIRE_TIME_ZONE", "Australia/Sydney")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are written to the database and read from a cache every process shares (the "sessions"
# alias above): a signed-in page no longer waits on a database query to learn who is asking.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"
SECURE_SSL_REDIRECT = env_bool("READWIRE_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
if SECURE_SSL_REDIRECT:
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- The paywall ----------------------------------------------------------------------------
READWIRE_FREE_STORIES_PER_MONTH = env_int("READWIRE_FREE_STORIES_PER_MONTH", 3, minimum=0)

# --- Wire ingest ----------------------------------------------------------------------------
WIRE_MAX_DOCUMENT_BYTES = env_int("READWIRE_WIRE_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
WIRE_SIGNATURE_MAX_AGE_SECONDS = env_int("READWIRE_WIRE_SIGNATURE_MAX_AGE", 300, minimum=1)
# Feed URLs that resolve to private, loopback or link-local addresses are refused unless allowed.
WIRE_FEEDS_ALLOW_PRIVATE = env_bool("READWIRE_FEEDS_ALLOW_PRIVATE", False)
WIRE_FEED_TIMEOUT_SECONDS = env_int("READWIRE_FEED_TIMEOUT", 10, minimum=1)
WIRE_FEED_POLL_MINUTES = env_int("READWIRE_FEED_POLL_MINUTES", 5, minimum=1)
NINJS_SCHEMA_DIR = BASE_DIR / "readwire" / "wire" / "schemas"

# --- Web Push -------------------------------------------------------------------------------
VAPID_PRIVATE_KEY_PATH, VAPID_PUBLIC_KEY = load_or_create_vapid_keys(VAR_DIR)
VAPID_CONTACT = env_str("READWIRE_VAPID_CONTACT", "mailto:operator@localhost")

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("READWIRE_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mailbox"
EMAIL_HOST = env_str("READWIRE_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = env_int("READWIRE_SMTP_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("READWIRE_FROM_EMAIL", "Readwire <news@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("READWIRE_LOG_LEVEL", "INFO")},
    # trafilatura logs every page it discards; for user input that is noise, and ingest reports the reason.
    "loggers": {"huey": {"level": "WARNING"}, "trafilatura": {"level": "CRITICAL"}},
}
