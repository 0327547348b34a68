"""View helpers every app uses: the reading decorator and the edit view of the edit pipeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.editing import EditConflict, merge_conflict


def reader(permission: str):
    """A page every role reads: logged in, holding the view `permission`, GET (or HEAD) only."""

    def decorate(view):
        return login_required(require_safe(permission_required(permission, raise_exception=True)(view)))

    return decorate


def posted(request):
    """The form data of a POST (even an empty one, which is then refused as invalid), None otherwise."""
    return request.POST if request.method == "POST" else None


def edit_view(request, *, form, save, template: str, context: dict, success: str, done):
    """Bind, validate and save one edit through `save(form)`; then redirect to `done(saved)`.

    A refused save changes nothing and keeps the editor's input: 400 for invalid input or a broken rule,
    409 when someone else saved meanwhile. Then the form is merged field by field (common.editing), so
    that saving again keeps both people's changes.
    """
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except EditConflict as error:
            conflict = error
            merge_conflict(form, error)
            form.add_error(None, _("Someone else saved this meanwhile, so nothing was saved yet. The form now holds "
                                   "their saved values with your changes on top; check the fields below and save "
                                   "again."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(done(saved))
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(request, template, {"form": form, "conflict": conflict, **context}, status=status)
