"""A real OpenID Connect provider for the single sign-on tests: a small Django project with django-oauth-toolkit.

accounts/tests/conftest.py starts it on a free loopback port (serve.py) with an RSA key made at start, one client
(the portal), and test users in groups. Test-only switches (control.py) change a user's groups and claims, and make
the provider issue ID tokens that the portal must refuse: for another audience, from another issuer, with a bad
signature, expired, or with a stale nonce.
"""
