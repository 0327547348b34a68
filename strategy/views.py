from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from strategy.selectors import strategy_overview


@require_safe
def home(request):
    """The front door: tells each role where to go."""
    return render(request, "strategy/home.html")


@login_required
@require_safe
def strategy_detail(request):
    """The strategy itself: vision, purposes, values, platforms, partners. Public within the portal."""
    return render(request, "strategy/strategy_detail.html", strategy_overview())
