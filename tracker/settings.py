"""
Settings for the journalist detention tracker, read from the environment.

Nothing needs to be set for a local checkout: SQLite is used and DEBUG is on
only when asked for. With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set
or start-up stops with a message that says which one is missing.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    """Return the boolean value of an environment variable, refusing a typo."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {os.environ[name]!r}.")


def env_int(name, default):
    """Return the integer value of an environment variable."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_list(name, default=()):
    """Return a comma-separated environment variable as a list."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name, *, dev_default):
    """Return a variable that production must set; DEBUG gets a local default."""
    value = os.environ.get(name, "")
    if value:
        return value
    if DEBUG:
        return dev_default
    raise ImproperlyConfigured(
        f"{name} is not set. With DEBUG off the tracker will not start without it; "
        f"set {name} in the environment (or DEBUG=1 for local development)."
    )


def env_cache(name):
    """Return the cache backend and location of a cache URL: local memory when unset, or Redis."""
    value = os.environ.get(name, "")
    if not value:
        return "django.core.cache.backends.locmem.LocMemCache", "tracker"
    if value.startswith(("redis://", "rediss://", "unix://")):
        return "django.core.cache.backends.redis.RedisCache", value
    raise ImproperlyConfigured(f"{name} must be a redis://, rediss:// or unix:// URL, or unset; got {value!r}.")


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_required("SECRET_KEY", dev_default="insecure-local-development-key-do-not-deploy")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if DEBUG:
        ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
    else:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. With DEBUG off the tracker will not start without it; "
            "set ALLOWED_HOSTS to a comma-separated list of host names (or DEBUG=1 locally)."
        )

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation's admin integration needs.
    "modeltranslation",
    "tracker.apps.TrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "security",
    "cases",
    "api",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tracker.middleware.DatabaseUnavailableMiddleware",
    # Public requests read published versions only: reading a working record raises.
    "cases.middleware.PublicReadGuard",
    # Kept public answers (every public GET) are served from here, before sessions, locale
    # and authentication; public reads go to the replica from here on (tracker/db_router.py).
    "api.middleware.PublicAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # ?lang=en|az|ru: each language version of a page has an address of its own.
    "cases.languages.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it marks embed responses before the CSP and framing middleware see them.
    "tracker.middleware.EmbedFramingMiddleware",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tracker" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

# SQLite by default so that a checkout runs with nothing else installed;
# DATABASE_URL (postgres://user@host:port/name) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
# DATABASE_REPLICA_URL: a streaming replica of the primary that serves public reads
# (tracker/db_router.py); the admin, the preview and every write use the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=env_int("CONN_MAX_AGE", 0)
    )
    # The tests make no database of their own for it: it mirrors the primary's.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["tracker.db_router.ReplicaRouter"]
SILENCED_SYSTEM_CHECKS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (the dev server, an import) share the file; wait rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # The counting indexes carry extra columns on PostgreSQL; SQLite builds them without.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security: the threats and what answers each are in docs/security.md.
# PRODUCTION=1 turns on every production default at once: HTTPS only, secure
# cookies, HSTS and two-factor authentication for staff.
PRODUCTION = env_bool("PRODUCTION", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PRODUCTION=1 and DEBUG=1 do not go together: DEBUG shows tracebacks to anyone.")
# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header (and only then).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
if not SECURE_SSL_REDIRECT and PRODUCTION and BEHIND_TLS_PROXY:
    # The proxy redirects plain HTTP itself; the app never sees it.
    SILENCED_SYSTEM_CHECKS.append("security.W008")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
X_FRAME_OPTIONS = "DENY"
# Nothing inline, nothing from another site; only the embeddable counter may be framed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
# Staff must confirm a TOTP code at login in production (OTP_REQUIRED=0 opts out).
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Detention tracker")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# Lock an address that guesses too often, and an account guessed at from many addresses.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("az", _("Azerbaijani")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Case texts (cases/translation.py): English is the text every other language falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves static files. Hashed, compressed names need `collectstatic`
# first, so DEBUG and the tests (STATIC_MANIFEST=0) use the apps' files as they are.
_STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Countries that no longer exist still occur in historical records (CPJ's data
# goes back to 1992); they keep their former ISO 3166 codes.
COUNTRIES_OVERRIDE = {
    "YU": _("Yugoslavia"),
    "CS": _("Serbia and Montenegro"),
    "ZR": _("Zaire"),
    "SU": _("Soviet Union"),
    "DD": _("East Germany"),
    "EH": _("Western Sahara"),
}

# The country a new detention starts in, until the researcher has saved one (then theirs).
DEFAULT_COUNTRY = os.environ.get("DEFAULT_COUNTRY", "AZ").upper()

# Admin imports are all-or-nothing; researchers import drafts, so adding is enough.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PublicRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}

# The public API: anonymous requests per client address ("120/minute"; "off" disables),
# readable from any web page for GET, and cached by browsers and shared caches.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/minute")
# The client address is REMOTE_ADDR, unless NUM_PROXIES trusted proxies stand in front:
# then it is the one that many entries from the end of X-Forwarded-For. Never trust the
# header further than that, or anyone dodges the throttle by sending one.
NUM_PROXIES = env_int("NUM_PROXIES", 0)
if NUM_PROXIES < 0:
    raise ImproperlyConfigured(f"NUM_PROXIES must be 0 or more; got {NUM_PROXIES}.")
REST_FRAMEWORK["NUM_PROXIES"] = NUM_PROXIES
# Throttle budgets are counted in this cache: shared by every process when CACHE_URL is set.
THROTTLE_CACHE = "throttle"
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition"]
SPECTACULAR_SETTINGS = {
    "TITLE": "Journalist detention tracker API",
    "DESCRIPTION": "Read-only, anonymous access to published detentions of journalists and to citable counts.",
    "VERSION": "1",
    # 3.1: a null alternative is written as JSON Schema says ("type": "null"), which
    # validators honour; 3.0's "nullable" beside a $ref is ignored, and real answers failed.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DetentionStatusEnum": "cases.models.DetentionStatus",
        "ChargeStatusEnum": "cases.models.ChargeStatus",
        "DetentionKindEnum": "cases.models.DetentionKind",
        "EventKindEnum": "cases.models.EventKind",
        # The language a text is in (biography_language, summary_language, title_language, ...).
        "TextLanguageEnum": ["en", "az", "ru"],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.admit_empty_filters",
        "api.schema.add_error_responses",
        "api.schema.describe_files",
    ],
}


# Kept answers (keys carry the data version) and the throttle budgets. Local memory
# keeps both per process; CACHE_URL (redis://host:6379/0) shares them between all
# processes and servers, which a throttle needs to mean what it says. Both entries use
# the same store under different key prefixes, so clearing one clears the other.
# In local memory each is bounded (CACHE_MAX_ENTRIES entries, none bigger than
# PUBLIC_CACHE_CHUNK_BYTES: 256 MiB a process at the defaults), and the throttle has a store of its own, so that a flood
# of distinct addresses cannot push the budgets out (nor the budgets the answers).
_CACHE_BACKEND, _CACHE_LOCATION = env_cache("CACHE_URL")
_LOCAL = _CACHE_BACKEND.endswith("LocMemCache")
CACHES = {
    "default": {"BACKEND": _CACHE_BACKEND, "LOCATION": _CACHE_LOCATION, "KEY_PREFIX": "tracker"},
    THROTTLE_CACHE: {
        "BACKEND": _CACHE_BACKEND,
        "LOCATION": f"{_CACHE_LOCATION}-throttle" if _LOCAL else _CACHE_LOCATION,
        "KEY_PREFIX": "throttle",
    },
}
if _LOCAL:
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 1000)}
    CACHES[THROTTLE_CACHE]["OPTIONS"] = {"MAX_ENTRIES": env_int("THROTTLE_MAX_ENTRIES", 100_000)}
# Kept public answers (api/middleware.py): how long; bodies over COMPRESS_BYTES are kept
# gzip-compressed (and sent so to clients that accept it), in entries of CHUNK_BYTES;
# the largest kept, as stored, is MAX_BYTES (bigger ones get validators and 304s but
# are made again each time).
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", default=True)  # off: every answer is made, validators stay
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 3600)
PUBLIC_CACHE_MAX_BYTES = env_int("PUBLIC_CACHE_MAX_BYTES", 8 * 1024 * 1024)
PUBLIC_CACHE_COMPRESS_BYTES = env_int("PUBLIC_CACHE_COMPRESS_BYTES", 256 * 1024)
PUBLIC_CACHE_CHUNK_BYTES = env_int("PUBLIC_CACHE_CHUNK_BYTES", 256 * 1024)
# How long a process trusts the data version it has kept (cases/versioning.py). A release
# forgets it at once in the cache it writes to: with Redis that is every server's. In local
# memory, or with a replica (which applies a release a little after the primary), other
# processes look again this often.
DATA_VERSION_SECONDS = env_int("DATA_VERSION_SECONDS", 1 if _LOCAL or os.environ.get("DATABASE_REPLICA_URL") else 300)

# The benchmark's own server (make bench) mounts a trivial view at /bench/ping/.
BENCH = env_bool("BENCH", default=False)

# The public site's address, used for absolute links in counts and feeds.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The licence of the data: an SPDX id among these. The default, CC BY 4.0, suits a
# compilation that cites its sources: anyone may republish and adapt the data,
# newsrooms included, if they credit the tracker (the citation says how). The
# sources' own texts stay under their publishers' terms; only the compilation is licensed.
DATA_LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": ("Open Data Commons Attribution License v1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
DATA_LICENSE = os.environ.get("DATA_LICENSE", "CC-BY-4.0")
if DATA_LICENSE not in DATA_LICENSES:
    raise ImproperlyConfigured(f"DATA_LICENSE must be one of {', '.join(DATA_LICENSES)}; got {DATA_LICENSE!r}.")
# The API's answers are that data: its description carries the licence.
SPECTACULAR_SETTINGS["LICENSE"] = {"name": DATA_LICENSE, "url": DATA_LICENSES[DATA_LICENSE][1]}
# Who a citation names as the publisher of the data.
DATA_PUBLISHER = os.environ.get("DATA_PUBLISHER", "Journalist detention tracker")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Who logged in, failed to, published and withdrew: kept whatever LOG_LEVEL says.
    "loggers": {"tracker.audit": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
