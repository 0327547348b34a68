from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.cache import cached
from common.views import edit_view, posted, reader
from partners import charts, maps, selectors, services
from partners.forms import DashboardFilterForm, PartnerRegionForm, StatusDecisionForm, StrategicTrackForm
from partners.models import PartnerRegion, StrategicTrack
from partners.permissions import can_edit_partners, can_edit_tracks, get_region_for_edit, get_track_for_edit, require

read_partners = reader("partners.view_partnerregion")


def filtered_regions(request):
    """The filter form bound to the URL, and the regions it selects. Invalid filters are left out (and shown)."""
    form = DashboardFilterForm(request.GET)
    form.is_valid()
    return form, selectors.region_list(form.cleaned_data)


@read_partners
def dashboard(request):
    form = DashboardFilterForm(request.GET)
    form.is_valid()
    summary = cached("partners:dashboard", dashboard_summary, timezone.localdate())
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": selectors.region_page(form.cleaned_data, request.GET.get("page"), summary["by_region"]),
        "query": query.urlencode(),
        "summary": summary,
        "map": cached("partners:map", lambda: render_to_string("partners/_map.html", {
            "map": maps.region_map(selectors.map_regions(form.cleaned_data)), "map_id": "dashboard-map",
            "map_title": _("Map of all partner regions that match the filters, by status")}), query.urlencode()),
        "can_edit": can_edit_partners(request.user),
    }
    return render(request, "partners/dashboard.html", context, status=400 if form.errors else 200)


def dashboard_summary() -> dict:
    """The dashboard's parts that its filters do not change, drawn: key figures, charts and follow-up; and the
    follow-up's figures per partner region (`by_region`) for the list. Cached until the data or the day changes."""
    data = selectors.dashboard_summary()
    partners = data["by_partner"]
    by_partner = [(str(region), n) for region, n in partners["top"]]
    if partners["other_regions"] > 0:
        by_partner.append((_("%(count)s other partner regions") % {"count": partners["other_regions"]},
                           partners["other_links"]))
    charts_context = {
        "by_area": charts.bar_chart("by-area", _("Active initiatives by area"), data["by_area"]),
        "by_purpose": charts.bar_chart("by-purpose", _("Active initiatives by purpose"), [
            (f"{purpose.number}. {purpose.name}", n) for purpose, n in data["by_purpose"]]),
        "by_track": charts.bar_chart("by-track", _("Active initiatives by strategic track"), data["by_track"]),
        "by_partner": charts.bar_chart("by-partner", _("Active initiatives by partner region"), by_partner),
        "by_kind": charts.bar_chart("by-kind", _("Active initiatives by kind of international work"),
                                    data["by_kind"]),
        "by_office": charts.bar_chart("by-office", _("Active initiatives by office"), data["by_office"]),
        "by_coordination_partner": charts.bar_chart(
            "by-coordination-partner", _("Active initiatives by coordination partner"),
            data["by_coordination_partner"]),
        "by_supported_plan": charts.bar_chart("by-supported-plan", _("Active initiatives by plan they support"),
                                              data["by_supported_plan"]),
        "over_time": charts.status_chart("over-time", _("Partner regions by status at the end of each year"),
                                         data["over_time"]),
    }
    return {
        "figures": render_to_string("partners/_dashboard_figures.html", {"figures": data["figures"]} | charts_context),
        "charts": render_to_string("partners/_dashboard_charts.html", charts_context),
        "follow_up": render_to_string("partners/_dashboard_follow_up.html", {"follow_up": data["follow_up"]}),
        "by_region": data["follow_up"]["by_region"],
    }


@read_partners
def region_detail(request, pk):
    context = selectors.region_detail(pk)
    context["map"] = maps.region_map([context["region"]])
    context["can_edit"] = can_edit_partners(request.user)
    return render(request, "partners/region_detail.html", context)


@read_partners
def region_print(request, pk):
    return render(request, "partners/region_print.html", selectors.region_detail(pk))


@login_required
@require_http_methods(["GET", "POST"])
def region_edit(request, pk=None):
    if pk:
        region = get_region_for_edit(request, pk)
    else:
        require(request.user, "partners.add_partnerregion")
        region = PartnerRegion()
    form = PartnerRegionForm(posted(request), instance=region)
    return edit_view(request, form=form, template="partners/region_form.html", context={"region": region},
                     success=_("The partner region was saved."), done=lambda saved: saved.get_absolute_url(),
                     save=lambda f: services.save_region(region=f.instance, fields=f.cleaned_data["fields"],
                                                         expected_version=f.cleaned_data["version"], by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    region = get_region_for_edit(request, pk, "partners.add_statusdecision")
    form = StatusDecisionForm(posted(request))
    return edit_view(request, form=form, template="partners/decision_form.html", context={"region": region},
                     success=_("The decision was recorded."), done=lambda decision: region.get_absolute_url(),
                     save=lambda f: services.record_status_decision(region=region, by=request.user, **f.cleaned_data))


@read_partners
def track_list(request):
    return render(request, "partners/track_list.html",
                  {"tracks": selectors.track_list(), "can_edit": can_edit_tracks(request.user)})


@read_partners
def track_detail(request, pk):
    context = selectors.track_detail(pk)
    context["can_edit"] = can_edit_tracks(request.user)
    return render(request, "partners/track_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def track_edit(request, pk=None):
    if pk:
        track = get_track_for_edit(request, pk)
    else:
        require(request.user, "partners.add_strategictrack")
        track = StrategicTrack()
    form = StrategicTrackForm(posted(request), instance=track)
    return edit_view(request, form=form, template="partners/track_form.html", context={"track": track},
                     success=_("The strategic track was saved."), done=lambda saved: saved.get_absolute_url(),
                     save=lambda f: services.save_track(
                         track=f.instance, fields=f.cleaned_data["fields"],
                         partner_regions=f.cleaned_data["partner_regions"], expected_version=f.cleaned_data["version"],
                         by=request.user))
