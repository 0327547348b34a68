"""Start the test identity provider: python serve.py PORT DATA_DIR CLIENT_ID CLIENT_SECRET.

Makes an RSA signing key, migrates its database (IDP_DATABASE: a fresh PostgreSQL database), registers the portal
as a client (redirect and logout addresses on any loopback port, and the Django test client's http://testserver),
adds the test users of USERS, and serves on 127.0.0.1:PORT until stopped.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # accounts/tests: the package "idp"

# The test users and their groups at the provider; the tests map some of these groups to the portal's roles.
USERS = {
    "anna": ["Portal-Sundhed"],
    "ib": ["Portal-Internationalt-Kontor"],
    "rita": ["Portal-Regionsraad", "Alle-Medarbejdere"],
    "adam": ["Portal-Administratorer"],
    "uffe": ["Alle-Medarbejdere"],
}


def main():
    port, data, client_id, client_secret = sys.argv[1:5]
    os.environ.update(IDP_PORT=port, IDP_DATA=data, DJANGO_SETTINGS_MODULE="idp.settings")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    Path(data, "signing-key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from idp.control import save_profile
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    Application.objects.filter(client_id=client_id).delete()  # a data folder used before
    Application.objects.create(
        name="International Strategy Portal", client_id=client_id, client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
        redirect_uris="http://testserver/oidc/callback/ http://127.0.0.1/oidc/callback/ "
                      "http://localhost/oidc/callback/",
        post_logout_redirect_uris="http://testserver/ http://127.0.0.1/ http://localhost/",
    )
    for username, groups in USERS.items():
        save_profile(username, {"groups": groups})
    run("127.0.0.1", int(port), get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
