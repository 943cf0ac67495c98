"""Hearth settings, read from the environment.

Defaults run a newcomer's copy on SQLite under var/ with no configuration. A deployment sets at
least DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG=0 (see README, "Deploying").
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEARTH_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/ (never committed)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("HEARTH_TESTING", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "hearth.core.apps.CoreConfig",
    "hearth.hud",
    "hearth.audit",
    "hearth.projects",
    "hearth.accounts",
    "hearth.clients",
    "hearth.enrollments",
    "hearth.hmis_csv",
    "hearth.reports",
    "hearth.support",
    "hearth.coordinated_entry",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hearth.core.nul_bytes.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hearth.core.middleware.LoginRequiredByDefaultMiddleware",
    "hearth.audit.refusals.RefusalAuditMiddleware",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hearth" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.core.context_processors.hearth",
                "hearth.accounts.context_processors.accounts",
                "hearth.enrollments.context_processors.case_nav",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a background import writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation (docs/decisions/0074-postgresql-without-jit.md): a page's queries run in
    # milliseconds, and compiling one whose estimated cost crosses PostgreSQL's threshold took 57 of
    # its 64 ms (the shelter roster at a million clients). A URL's own ?options= is kept.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

# A cache the web server's worker processes share, with no server to run: the home page's figures
# are computed once in five minutes per agency, not once per worker (hearth.core.views).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}

AUTH_USER_MODEL = "accounts.User"
# Sign-in goes through hearth.accounts.services.sign_in (lockout, rate limits, account states); the
# backend applies the same checks to any other caller of authenticate().
AUTHENTICATION_BACKENDS = ["hearth.accounts.backends.HearthBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "hearth.accounts.passwords.LettersAndDigitsValidator"},
    {"NAME": "hearth.accounts.passwords.NotUsernameOrSystemNameValidator"},
    {"NAME": "hearth.accounts.passwords.NotCommonWordOrNameWithDigitsValidator"},
    {"NAME": "hearth.accounts.passwords.PasswordHistoryValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "hearth" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded client files live outside the web root and are served only through a permission check.
MEDIA_ROOT = Path(os.environ.get("HEARTH_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/files/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Email: files under var/mail by default so nothing leaves a newcomer's machine; SMTP when configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hearth HMIS <hmis-support@localhost>")

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS; `hearth check --deploy` stays clean.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "20")) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the idle timeout restarts with each request
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (docs/decisions/0080-content-security-policy.md): scripts and styles only
# from our own static files, so an injected <script>, on*= handler or style attribute never runs.
# Per-page data reaches scripts through data-* attributes or json_script (application/json, inert).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: images cannot run script; the signature image and QR code need only 'self' (a URL, inline SVG).
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
if not DEBUG and not TESTING and not env_bool("HEARTH_INSECURE_HTTP"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs carry identifiers, never names, SSNs or dates of birth.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The HMIS implementation this Hearth is.
HEARTH_SOURCE_NAME = os.environ.get("HEARTH_SOURCE_NAME", "Hearth")
HEARTH_IMPLEMENTATION_ID = os.environ.get("HEARTH_IMPLEMENTATION_ID", "hearth-local")
HEARTH_COC_CODE = os.environ.get("HEARTH_COC_CODE", "CA-600")
HEARTH_SYSTEM_NAME = "Hearth"

# Account lifecycle and sign-in rules (hearth.accounts.conf lists them all with their meaning).
HEARTH_BASE_URL = os.environ.get("HEARTH_BASE_URL", "http://localhost:8000")
HEARTH_SUPPORT_EMAIL = os.environ.get("HEARTH_SUPPORT_EMAIL", "hmis-support@localhost")
HEARTH_TRUSTED_PROXY_COUNT = int(os.environ.get("HEARTH_TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_INACTIVE_AFTER_DAYS = int(os.environ.get("ACCOUNT_INACTIVE_AFTER_DAYS", "30"))
ACCOUNT_REACTIVATE_WITHOUT_RETAKE_DAYS = int(os.environ.get("ACCOUNT_REACTIVATE_WITHOUT_RETAKE_DAYS", "90"))
ACCOUNT_LOCKOUT_FAILURES = int(os.environ.get("ACCOUNT_LOCKOUT_FAILURES", "5"))
ACCOUNT_LOCKOUT_MINUTES = int(os.environ.get("ACCOUNT_LOCKOUT_MINUTES", "60"))
ACCOUNT_RATE_LIMIT_WINDOW_MINUTES = int(os.environ.get("ACCOUNT_RATE_LIMIT_WINDOW_MINUTES", "15"))
ACCOUNT_RATE_LIMIT_PER_USERNAME = int(os.environ.get("ACCOUNT_RATE_LIMIT_PER_USERNAME", "10"))
ACCOUNT_RATE_LIMIT_PER_IP = int(os.environ.get("ACCOUNT_RATE_LIMIT_PER_IP", "30"))
ACCOUNT_REMINDER_DAYS_BEFORE = int(os.environ.get("ACCOUNT_REMINDER_DAYS_BEFORE", "5"))
ACCOUNT_EMPLOYER_CHANGE_WAIVER_DAYS = int(os.environ.get("ACCOUNT_EMPLOYER_CHANGE_WAIVER_DAYS", "90"))
ACCOUNT_SETUP_LINK_DAYS = int(os.environ.get("ACCOUNT_SETUP_LINK_DAYS", "7"))
ACCOUNT_AGREEMENT_RENEW_DAYS = int(os.environ.get("ACCOUNT_AGREEMENT_RENEW_DAYS", "365"))
ACCOUNT_PASSWORD_HISTORY = int(os.environ.get("ACCOUNT_PASSWORD_HISTORY", "3"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_MINUTES", "60")) * 60
SESSION_IDLE_WARNING_SECONDS = int(os.environ.get("SESSION_IDLE_WARNING_SECONDS", "120"))
SUPPORT_LINK_HOURS = int(os.environ.get("SUPPORT_LINK_HOURS", "72"))
SUPPORT_AUTOCLOSE_DAYS = int(os.environ.get("SUPPORT_AUTOCLOSE_DAYS", "7"))
OTP_TOTP_ISSUER = HEARTH_SYSTEM_NAME + " HMIS"

# Case management (hearth.enrollments.conf lists them with their meaning).
HEARTH_SHELTER_AUTO_EXIT_NIGHTS = int(os.environ.get("HEARTH_SHELTER_AUTO_EXIT_NIGHTS", "3"))
HEARTH_UPLOAD_MAX_BYTES = int(os.environ.get("HEARTH_UPLOAD_MAX_MB", "10")) * 1024 * 1024
HEARTH_ANNUAL_DUE_SOON_DAYS = int(os.environ.get("HEARTH_ANNUAL_DUE_SOON_DAYS", "14"))
