"""Test-only switches: each user's groups, extra claims and token mode live in profiles.json in the data folder.

POST /control/users/<username> with a JSON body {"groups": [...], "claims": {...}, "mode": "..."} creates or
updates the user (password: serve.PASSWORD). Modes (validator.Validator): wrong-audience, wrong-issuer,
bad-signature, expired, stale-nonce. Only serve.py's caller knows the control key.
"""

import json
import os
import threading

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

PASSWORD = "provider-password"  # the test users. password
_lock = threading.Lock()


def profiles() -> dict:
    path = settings.DATA / "profiles.json"
    return json.loads(path.read_text()) if path.exists() else {}


def profile(username: str) -> dict:
    return profiles().get(username, {})


def save_profile(username: str, values: dict) -> None:
    with _lock:
        data = profiles()
        data[username] = values
        (settings.DATA / "profiles.json").write_text(json.dumps(data))
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_password(PASSWORD)
        user.save()


@csrf_exempt
@require_POST
def set_user(request, username):
    if request.headers.get("X-Control-Key") != os.environ["IDP_CONTROL_KEY"]:
        return HttpResponseForbidden()
    save_profile(username, json.loads(request.body))
    return HttpResponse("ok\n", content_type="text/plain")
