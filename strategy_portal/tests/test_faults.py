"""PostgreSQL goes away under the running portal, and comes back.

The test starts its own PostgreSQL server in a temporary folder (pgserver's binaries) and its own
gunicorn, so it touches no shared server.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_postgres(tmp_path):
    import pgserver
    from pgserver._commands import pg_ctl

    server = pgserver.get_server(tmp_path / "pgdata", cleanup_mode="delete")
    server.psql("CREATE DATABASE portal;")
    info = server.get_postmaster_info()

    def stop():
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)

    def start():
        pg_ctl(["-w", "-o", '-h ""', "-o", f"-k {info.socket_dir}", "-l", str(server.log), "start"],
               pgdata=server.pgdata, user=server.system_user)

    yield {"url": f"postgres://postgres@/portal?host={info.socket_dir}", "stop": stop, "start": start}


@pytest.fixture
def portal(own_postgres):
    env = {**os.environ, "DATABASE_URL": own_postgres["url"], "SECURE_SSL_REDIRECT": "0", "DEBUG": "0",
           "STATIC_MANIFEST": "0", "WHITENOISE_USE_FINDERS": "1", "CONN_MAX_AGE": "300",
           # plain HTTP on loopback: cookies without the Secure flag
           "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0"}
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input"], ["load_strategy"], ["load_demo", "--allow-production"]):
        subprocess.run(manage + command, cwd=PROJECT, env=env, check=True, capture_output=True)
    port = _free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen([str(gunicorn), "strategy_portal.wsgi", "--bind", f"127.0.0.1:{port}",
                                "--workers", "1"], cwd=PROJECT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(10)


def _get(opener, url):
    try:
        response = opener.open(url, timeout=15)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _log_in(opener, base):
    import re
    from urllib.parse import urlencode

    _status, page = _get(opener, base + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urlencode({"username": "demo-council", "password": "demo-portal-2026", "csrfmiddlewaretoken": token})
    request = urllib.request.Request(base + "/accounts/login/", data=data.encode(),
                                     headers={"Referer": base + "/accounts/login/"})
    opener.open(request, timeout=15)


def test_portal_answers_503_while_postgres_is_down_and_recovers_without_restart(portal, own_postgres):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    _log_in(opener, portal)
    assert _get(opener, portal + "/strategy/")[0] == 200

    own_postgres["stop"]()
    status, page = _get(opener, portal + "/strategy/")
    assert status == 503
    assert "Midlertidigt utilgængelig" in page and "navbar" in page  # the portal's layout, no stack trace
    assert "Traceback" not in page and "OperationalError" not in page
    assert _get(opener, portal + "/healthz") == (503, "unavailable\n")

    own_postgres["start"]()
    assert _get(opener, portal + "/healthz") == (200, "ok\n")
    status, page = _get(opener, portal + "/strategy/")
    assert status == 200
    assert "international vækstregion" in page
