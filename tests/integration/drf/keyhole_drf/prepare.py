"""Creates the demo user and a DRF token with a fixed key (run through manage.py shell)."""
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

user, _ = User.objects.get_or_create(username="demo")
user.set_password("demo")
user.save()
Token.objects.get_or_create(user=user, key="0123456789abcdef0123456789abcdef01234567")
