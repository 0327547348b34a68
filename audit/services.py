"""Recording audit events. Every other part of the portal calls record()."""

import ipaddress
from contextvars import ContextVar

from audit.models import DETAIL_MAX, Event

_current_request = ContextVar("audit_current_request", default=None)
# The objects whose change this request recorded (object type, id): admin's own log of the same save then
# adds no second event.
_recorded = ContextVar("audit_recorded", default=None)


def client_ip(request) -> str | None:
    """The client's address, the one resolution used by login throttling (django-axes) and the audit record.

    Behind PROXY_COUNT proxies, the address the outermost trusted proxy saw: the PROXY_COUNT-th entry from the
    right of X-Forwarded-For (entries further left are the client's own say, and can be forged). Without
    proxies, or when the header is short or malformed, the connection's address."""
    from django.conf import settings

    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = settings.PROXY_COUNT
    if forwarded and proxies:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies and _is_address(hops[-proxies]):
            return hops[-proxies]
    address = request.META.get("REMOTE_ADDR") or None
    return address if address and _is_address(address) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def record(action: str, *, request=None, user=None, obj=None, username: str = "", detail: str = "",
           object_type: str = "", object_id: str = "", object_repr: str = "") -> Event:
    """Add one event to the audit record. Who and from where default to the current request."""
    request = request or _current_request.get()
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if obj is not None:
        object_type, object_id, object_repr = obj._meta.label, str(obj.pk), str(obj)
        if (recorded := _recorded.get()) is not None and action in (Event.Action.CREATE, Event.Action.CHANGE):
            recorded.add((object_type, object_id))
    return Event.objects.create(
        action=action,
        user=user,
        username=username or (user.get_username() if user else ""),
        ip_address=client_ip(request),
        path=(request.get_full_path()[:500] if request is not None else ""),
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        detail=detail[:DETAIL_MAX],
    )


def changes_recorded_in_this_request() -> bool:
    """Whether the current request recorded a creation or change already (through the edit pipeline)."""
    return bool(_recorded.get())


def last_change(obj) -> Event | None:
    """The latest recorded creation or change of an object: who saved it last, and when."""
    return (Event.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk),
                                 action__in=[Event.Action.CREATE, Event.Action.CHANGE])
            .select_related("user").order_by("-at", "-id").first())


class AuditRequestMiddleware:
    """Makes the current request known to record(), for changes made deep in services or admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, recorded = _current_request.set(request), _recorded.set(set())
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
            _recorded.reset(recorded)
