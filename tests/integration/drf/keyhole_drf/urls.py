"""One endpoint per authentication set-up whose failures the Auth Doctor must explain."""
from django.urls import path
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import IsAuthenticated
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


def items(*authentication):
    class Items(APIView):
        authentication_classes = list(authentication)
        permission_classes = [IsAuthenticated]

        def get(self, request):
            return Response([{"id": 1, "name": "Brass keyhole cover"}])

    return Items.as_view()


urlpatterns = [
    path("api/token/", TokenObtainPairView.as_view()),
    path("api/token/refresh/", TokenRefreshView.as_view()),
    path("api/drf-token/", obtain_auth_token),
    path("api/jwt/items/", items(JWTAuthentication)),
    path("api/jwt-prefix/items/", items(JWTPrefixAuthentication)),
    path("api/token-auth/items/", items(TokenAuthentication)),
    # DRF's own default order: SessionAuthentication first (no challenge, so 403).
    path("api/session-first/items/", items(SessionAuthentication, JWTAuthentication)),
]
