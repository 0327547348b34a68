"""How long a web request waits for PostgreSQL.

A stopped server refuses connections at once. A server that accepts connections but does not answer (frozen,
or cut off by a network that drops packets) would hold a worker until gunicorn kills it. `bound_waits()`,
called where the portal serves requests (wsgi.py), bounds every wait of the process:

- a new connection gives up after DATABASE_CONNECT_TIMEOUT seconds;
- the server cancels a query after DATABASE_QUERY_TIMEOUT seconds (statement_timeout), and the portal stops
  waiting a second later, for a server that cannot even do that. That connection is then closed;
- a request waits for an unanswering server once: after a timeout, it connects no more (the session
  middleware, for one, would try again after the view failed).

Either way the request fails with an OperationalError, answered 503 (strategy_portal.views.server_error), and
a later request connects anew. Management commands are not bounded: migrate, load_demo and restore_db may
rightly run longer.
"""

import select
import threading
import time

import psycopg2
from django.conf import settings
from django.core.signals import request_started
from django.db.backends.signals import connection_created
from psycopg2 import extensions

GRACE_SECONDS = 1  # the server's own statement timeout comes first and leaves the connection usable
_request = threading.local()  # .unanswered: the server did not answer earlier in this thread's request


def bound_waits() -> None:
    """Bound every wait for PostgreSQL in this process."""
    extensions.set_wait_callback(wait)
    connection_created.connect(limit_statements, dispatch_uid="strategy_portal.database.limit_statements")
    request_started.connect(new_request, dispatch_uid="strategy_portal.database.new_request")


def new_request(sender, **kwargs) -> None:
    _request.unanswered = False


def limit_statements(sender, connection, **kwargs) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [settings.DATABASE_QUERY_TIMEOUT * 1000])


def wait(conn) -> None:
    """psycopg2's wait callback (as psycopg2.extras.wait_select) with a deadline. libpq applies no
    connect_timeout when driven this way, so the connect timeout is applied here too."""
    if conn.status in (extensions.STATUS_READY, extensions.STATUS_BEGIN):
        seconds = settings.DATABASE_QUERY_TIMEOUT + GRACE_SECONDS
    elif getattr(_request, "unanswered", False):
        raise psycopg2.OperationalError("PostgreSQL did not answer earlier in this request")
    else:  # connecting
        seconds = settings.DATABASE_CONNECT_TIMEOUT
    deadline = time.monotonic() + seconds
    while (state := conn.poll()) != extensions.POLL_OK:
        socket = [conn.fileno()]
        readable, writable, _ = select.select(socket if state == extensions.POLL_READ else [],
                                              socket if state == extensions.POLL_WRITE else [], [],
                                              max(deadline - time.monotonic(), 0))
        if not readable and not writable:
            # psycopg2 closes the connection when the callback fails; Django then discards it.
            _request.unanswered = True
            raise psycopg2.OperationalError(f"PostgreSQL did not answer within {seconds} seconds")
