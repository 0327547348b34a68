"""Pages everyone may read, without logging in, and the International Office's choice of what is public."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actionplans.models import ActionPlan
from common.views import posted
from public import selectors
from public.forms import PublicationForm
from public.models import AccessibilityStatement
from public.permissions import require_publisher
from public.services import publish

# The act asks for a review at least once a year.
REVIEW_EVERY = datetime.timedelta(days=365)


@require_safe
def accessibility_statement(request):
    statement = get_object_or_404(AccessibilityStatement)
    return render(request, "public/accessibility_statement.html", {
        "statement": statement,
        "review_overdue": statement.reviewed_on + REVIEW_EVERY < timezone.localdate(),
        "can_edit": request.user.has_perm("public.change_accessibilitystatement"),
    })


@require_safe
def was(request):
    """The short address /was that the Agency for Digital Government asks for: the statement in WAS-Tool once it
    is registered there, the portal's own page until then."""
    statement = AccessibilityStatement.objects.first()
    return redirect(statement.was_url if statement and statement.was_url else "public:accessibility")


def _shown(context):
    """A public page's content, or 404 when it is not published (the same answer as for something that does not
    exist, so an unpublished plan's existence is not told)."""
    if context is None:
        raise Http404
    return context


@require_safe
def index(request):
    return render(request, "public/index.html", selectors.public_index())


@require_safe
def strategy(request):
    return render(request, "public/strategy.html", _shown(selectors.public_strategy()))


@require_safe
def partners(request):
    return render(request, "public/partners.html", _shown(selectors.public_partners(request.GET.get("page"))))


@require_safe
def region(request, code):
    return render(request, "public/region.html", _shown(selectors.public_region(code)))


@require_safe
def plan(request, pk):
    return render(request, "public/plan.html", _shown(selectors.public_plan(pk, request.GET.get("page"))))


@login_required
@require_http_methods(["GET", "POST"])
def publication(request):
    """The International Office switches on what is public: the strategy, the partner regions, and per plan in
    force the plan and its latest reported status."""
    require_publisher(request.user)
    plans = list(ActionPlan.objects.in_force().select_related("area", "term", "publication")
                 .order_by("area__position", "term__starts_on"))
    form = PublicationForm(posted(request), instance=selectors.publication(), plans=plans)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = publish(strategy_public=form.cleaned_data["strategy_public"],
                                  partners_public=form.cleaned_data["partners_public"],
                                  plans=form.plan_choices(), version=form.cleaned_data["version"],
                                  by=request.user)
            except ValidationError as error:
                # The posted choices stay in the form; saving again (with the current version) applies them.
                form.add_error(None, error)
                form.data = form.data.copy()
                form.data["version"] = selectors.publication().version
            else:
                messages.success(request, _("What is public is saved.") if changed else _("Nothing was changed."))
                return redirect("public:publication")
    return render(request, "public/publication.html", {"form": form, "plans": plans}, status=status)
