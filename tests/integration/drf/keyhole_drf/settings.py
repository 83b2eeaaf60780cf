"""Settings of the test API: DRF defaults unless a view says otherwise, SimpleJWT defaults."""
import os
from datetime import timedelta

SECRET_KEY = "keyhole-integration-test-secret-key-not-a-secret-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
APPEND_SLASH = True
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "rest_framework",
    "rest_framework.authtoken",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "keyhole_drf.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("KEYHOLE_DRF_DB", "/tmp/keyhole-drf.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=int(os.environ.get("KEYHOLE_DRF_ACCESS_SECONDS", "300")))
}
LOGGING = {"version": 1, "disable_existing_loggers": True}
OAUTH2_PROVIDER = {"ACCESS_TOKEN_EXPIRE_SECONDS": 3600, "PKCE_REQUIRED": True}
