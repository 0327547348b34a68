from api.services import create_token


def token_for(user, name: str = "Power BI") -> tuple:
    """(token, key) of a new personal token of `user`."""
    return create_token(user=user, name=name)


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
