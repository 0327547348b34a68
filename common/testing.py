"""Test helpers for every app's tests. Imports no app of the portal at module level.

- rules: a rule holds in model validation and in the database (`refusal`, `non_field`, `refused_by_database`);
- Django admin: its URLs and the data of its forms (`admin_url`, `model_url`, `form_data`);
- the browser (Playwright): `log_in`, `assert_accessible`, `assert_fits_phone`, the `DESKTOP` and `PHONE` sizes.
"""

from contextlib import contextmanager

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override


def refusal(obj, *, language: str = "en") -> dict[str, list[str]]:
    """Run full_clean() in the given language; return the errors by field (NON_FIELD_ERRORS for the row)."""
    with override(language), pytest.raises(ValidationError) as caught:
        obj.full_clean()
    with override(language):
        return {field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()}


def non_field(errors: dict[str, list[str]]) -> list[str]:
    return errors.get(NON_FIELD_ERRORS, [])


@contextmanager
def refused_by_database(constraint: str, *models):
    """The block must fail with an IntegrityError from the named constraint and leave the row counts as they were.
    The block runs in its own savepoint, so the test can go on using the database."""
    before = {model: model.objects.count() for model in models}
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic():
            yield
    refused_by = caught.value.__cause__.diag.constraint_name
    assert refused_by == constraint, f"refused by {refused_by}, expected {constraint}"
    assert {model: model.objects.count() for model in models} == before


# --- Django admin ---------------------------------------------------------------------------------


def admin_url(name: str, *args, lang: str = "da") -> str:
    """An admin URL in the given language (Danish has no prefix, English lives under /en/)."""
    with override(lang):
        return reverse(f"admin:{name}", args=args)


def model_url(model, view: str, *args, lang: str = "da") -> str:
    return admin_url(f"{model._meta.app_label}_{model._meta.model_name}_{view}", *args, lang=lang)


def form_data(response) -> dict:
    """The POST data of an admin add or change page as rendered, for a test to change and send back."""
    data = {}

    def add(form):
        for bound_field in form:
            value = bound_field.value()
            if value is None or value is False:
                continue
            widget = bound_field.field.widget
            if isinstance(widget, forms.MultiWidget):  # date and time of a datetime, in two inputs
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{bound_field.html_name}_{index}"] = str(part)
            elif value is True:
                data[bound_field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound_field.html_name] = [str(item) for item in value]
            else:
                data[bound_field.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


# --- The browser (Playwright; the fixtures browser, browser_context and page are in conftest.py) ----------

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def log_in(page, username: str, password: str | None = None) -> None:
    """Log in through the login page; the password defaults to the test users' (accounts.tests.factories)."""
    if password is None:
        from accounts.tests.factories import PASSWORD

        password = PASSWORD
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the page and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                             "wcag21aa"]}})
    violations = [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]
    assert violations == [], f"{page.url}: {violations}"


def assert_fits_phone(page) -> None:
    """Nothing on the page is wider than a phone's screen."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} overflows a phone's width by {overflow}px"
