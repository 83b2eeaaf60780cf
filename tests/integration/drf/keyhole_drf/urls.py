"""One endpoint per authentication set-up whose failures the Auth Doctor must explain."""
from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import include, path
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView


class JWTPrefixAuthentication(JWTAuthentication):
    """SimpleJWT configured with AUTH_HEADER_TYPES = ('JWT',), as legacy projects do."""

    def authenticate_header(self, request):
        return 'JWT realm="api"'

    def get_raw_token(self, header):
        parts = header.split()
        if not parts or parts[0] != b"JWT":
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Authorization header must contain two space-delimited values")
        return parts[1]


class HasToken(BasePermission):
    """An OAuth 2 token of any grant (client credentials tokens have no user)."""

    def has_permission(self, request, view):
        return request.auth is not None


def items(*authentication, permission=IsAuthenticated):
    class Items(APIView):
        authentication_classes = list(authentication)
        permission_classes = [permission]

        def get(self, request):
            return Response([{"id": 1, "name": "Brass keyhole cover"}])

        def post(self, request):
            return Response({"id": 2, "name": request.data.get("name", "")}, status=201)

    return Items.as_view()


def login_form(request):
    """A Django login page as projects write it: CSRF-protected form, session on success."""
    if request.method == "POST":
        user = authenticate(request, username=request.POST.get("username"),
                            password=request.POST.get("password"))
        if user is not None:
            login(request, user)
            return HttpResponseRedirect("/api/session/items/")
    token = get_token(request)
    return HttpResponse(
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="%s">'
        '<input name="username"><input name="password" type="password"></form>' % token)


urlpatterns = [
    path("api/token/", TokenObtainPairView.as_view()),
    path("api/token/refresh/", TokenRefreshView.as_view()),
    path("api/drf-token/", obtain_auth_token),
    path("api/jwt/items/", items(JWTAuthentication)),
    path("api/jwt-prefix/items/", items(JWTPrefixAuthentication)),
    path("api/token-auth/items/", items(TokenAuthentication)),
    # DRF's own default order: SessionAuthentication first (no challenge, so 403).
    path("api/session-first/items/", items(SessionAuthentication, JWTAuthentication)),
    path("accounts/login/", login_form),
    path("api/session/items/", items(SessionAuthentication)),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("api/oauth/items/", items(OAuth2Authentication, permission=HasToken)),
]
