"""Pages everyone may read, without logging in."""

import datetime

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from public.models import AccessibilityStatement

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
