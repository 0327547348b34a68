"""Each person's own API tokens in the portal: create one (its key shown once) and revoke it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import TokenForm
from api.models import ApiToken
from api.services import create_token, revoke_token
from common.views import posted


@never_cache  # the new key is in the page: no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(posted(request))
    key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, key = create_token(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    return render(request, "api/tokens.html", {
        "form": form, "key": key, "tokens": ApiToken.objects.filter(user=request.user)}, status=status)


@login_required
@require_POST
def revoke(request, pk):
    # Only one's own tokens: someone else's is not found.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token, by=request.user)
    messages.success(request, _("The token %(token)s is revoked.") % {"token": token})
    return redirect("tokens:list")
