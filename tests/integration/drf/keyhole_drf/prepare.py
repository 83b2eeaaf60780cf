"""Creates the demo user, a DRF token with a fixed key and the OAuth 2 clients (manage.py shell)."""
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

user, _ = User.objects.get_or_create(username="demo")
user.set_password("demo")
user.save()
Token.objects.get_or_create(user=user, key="0123456789abcdef0123456789abcdef01234567")

from oauth2_provider.models import Application

for client_id, secret, grant, client_type in [
    ("keyhole-cc", "cc-secret", Application.GRANT_CLIENT_CREDENTIALS, Application.CLIENT_CONFIDENTIAL),
    ("keyhole-password", "pw-secret", Application.GRANT_PASSWORD, Application.CLIENT_CONFIDENTIAL),
    ("keyhole-code", "", Application.GRANT_AUTHORIZATION_CODE, Application.CLIENT_PUBLIC),
]:
    Application.objects.get_or_create(
        client_id=client_id,
        defaults=dict(name=client_id, user=user, client_secret=secret, client_type=client_type,
                      authorization_grant_type=grant, skip_authorization=True,
                      # RFC 8252: a loopback redirect URI registered without a port allows any.
                      redirect_uris="http://127.0.0.1/callback"))
