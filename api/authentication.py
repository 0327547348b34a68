"""The open-data API's token authentication: `Authorization: Bearer <key>`. A bad or revoked key is refused with
401 (JSON), never treated as anonymous."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api.models import ApiToken, hash_key


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token as 'Authorization: Bearer <token>'."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("The token has been revoked."))
        token.mark_used()
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
