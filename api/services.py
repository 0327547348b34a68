"""Creating and revoking personal API tokens, each in the audit record."""

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, hash_key, new_key
from audit.models import Event
from audit.services import record


@transaction.atomic
def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` and its key, which is not stored and cannot be shown again."""
    key = new_key()
    token = ApiToken(user=user, name=name, prefix=key[:12], key_hash=hash_key(key))
    token.full_clean()
    token.save()
    record(Event.Action.CREATE, user=user, obj=token)
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """Revoke a token: from now on it is refused (401). Revoking twice changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record(Event.Action.CHANGE, user=by, obj=locked, detail="revoked")
    return locked
