"""A real OpenID Connect provider for the single sign-on tests (accounts/tests/idp), and the portal set up for it."""

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings

from accounts import sso
from accounts.models import GroupMapping
from accounts.roles import Role
from common.testing import free_port

IDP = Path(__file__).resolve().parent / "idp"


@dataclass
class Provider:
    url: str
    client_id: str
    client_secret: str
    control_key: str
    process: subprocess.Popen

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def set_user(self, username: str, *, groups: list | None = None, claims: dict | None = None,
                 mode: str = "", amr: list | None = None) -> None:
        """Create or change a user at the provider: groups, extra claims, and a token mode (idp/control.py)."""
        body = {"groups": groups or [], "claims": claims or {}, "mode": mode, "amr": amr or ["pwd"]}
        request = urllib.request.Request(f"{self.url}/control/users/{username}", data=json.dumps(body).encode(),
                                         headers={"X-Control-Key": self.control_key}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200


@contextlib.contextmanager
def provider_database():
    """A fresh database for the test provider on the suite's PostgreSQL server, dropped afterwards."""
    portal = django_settings.DATABASES["default"]
    server = {"user": portal["USER"], "password": portal["PASSWORD"], "host": portal["HOST"], "port": portal["PORT"]}
    name = f"test_identity_provider_{os.getpid()}"

    def run(sql):
        with contextlib.closing(psycopg2.connect(dbname="postgres", **server)) as connection:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}"')
    run(f'CREATE DATABASE "{name}"')
    yield {"NAME": name, "USER": server["user"], "PASSWORD": server["password"], "HOST": server["host"],
           "PORT": server["port"]}
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """The test provider, started once for the session on a free loopback port."""
    with provider_database() as database:
        yield from _serve_provider(tmp_path_factory, database)


def _serve_provider(tmp_path_factory, database):
    data = tmp_path_factory.mktemp("idp")
    port = free_port()
    provider = Provider(url=f"http://127.0.0.1:{port}", client_id="strategy-portal",
                        client_secret=secrets.token_urlsafe(32), control_key=secrets.token_urlsafe(16),
                        process=None)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env["IDP_CONTROL_KEY"] = provider.control_key
    env["IDP_DATABASE"] = json.dumps(database)
    log = open(data / "idp.log", "w")  # open while the provider runs
    provider.process = subprocess.Popen(
        [sys.executable, str(IDP / "serve.py"), str(port), str(data), provider.client_id, provider.client_secret],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{provider.issuer}/.well-known/openid-configuration", timeout=2):
                break
        except (urllib.error.URLError, ConnectionError):
            if provider.process.poll() is not None or time.monotonic() > deadline:
                provider.process.kill()
                raise RuntimeError(
                    f"the test identity provider did not start:\n{(data / 'idp.log').read_text()}") from None
            time.sleep(0.2)
    yield provider
    provider.process.terminate()
    provider.process.wait(timeout=10)
    log.close()


@pytest.fixture
def sso_settings(db, settings, identity_provider):
    """The portal set up for the test provider, as the README's variables would."""
    settings.OIDC_ISSUER = identity_provider.issuer
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_RP_CLIENT_ID = identity_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = identity_provider.client_secret
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
        **directives, "form-action": [*directives["form-action"], identity_provider.url]}}
    sso.forget_provider_configuration()
    yield settings
    sso.forget_provider_configuration()


@pytest.fixture
def group_mappings(roles, health):
    """The provider's groups as an administrator maps them (idp/serve.py gives the test users these groups)."""
    return {
        "anna": GroupMapping.objects.create(group="Portal-Sundhed", role=Role.AREA_EDITOR, area=health),
        "ib": GroupMapping.objects.create(group="portal-internationalt-kontor", role=Role.INTERNATIONAL_OFFICE),
        "rita": GroupMapping.objects.create(group="Portal-Regionsraad", role=Role.COUNCIL_MEMBER),
        "adam": GroupMapping.objects.create(group="Portal-Administratorer", role=Role.ADMINISTRATOR),
    }
