"""gunicorn settings for `./portal start`; each can be overridden from the environment."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# One line per request on stdout.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# gunicorn's control socket defaults to one path per user, which several instances on one machine would share;
# the portal does not use it. Set GUNICORN_CONTROL_SOCKET to a path of the instance's own to turn it on.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
no_control_socket = not control_socket
# Trust X-Forwarded-* only from the proxy in front (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
