from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from partners import charts, maps, selectors, services
from partners.forms import DashboardFilterForm, PartnerRegionForm, StatusDecisionForm, StrategicTrackForm
from partners.models import PartnerRegion, StrategicTrack
from partners.permissions import can_edit_partners, can_edit_tracks, get_region_for_edit, get_track_for_edit, require


def reader(view):
    """A page every role reads: logged in, allowed to read partner regions, GET only."""
    return login_required(require_safe(permission_required("partners.view_partnerregion", raise_exception=True)(view)))


def _posted(request):
    """The form data of a POST (even an empty one, which is then refused as invalid), None otherwise."""
    return request.POST if request.method == "POST" else None


def filtered_regions(request):
    """The filter form bound to the URL, and the regions it selects. Invalid filters are left out (and shown)."""
    form = DashboardFilterForm(request.GET)
    form.is_valid()
    return form, selectors.region_list(form.cleaned_data)


@reader
def dashboard(request):
    form, regions = filtered_regions(request)
    partners = selectors.initiatives_by_partner()
    by_partner = [(str(region), n) for region, n in partners["top"]]
    if partners["other_regions"] > 0:
        by_partner.append((_("%(count)s other partner regions") % {"count": partners["other_regions"]},
                           partners["other_links"]))
    context = {
        "form": form,
        "regions": regions,
        "query": request.GET.urlencode(),
        "figures": selectors.key_figures(),
        "map": maps.region_map(regions),
        "by_area": charts.bar_chart("by-area", _("Active initiatives by area"), selectors.initiatives_by_area()),
        "by_purpose": charts.bar_chart("by-purpose", _("Active initiatives by purpose"), [
            (f"{purpose.number}. {purpose.name}", n) for purpose, n in selectors.initiatives_by_purpose()]),
        "by_track": charts.bar_chart("by-track", _("Active initiatives by strategic track"),
                                     selectors.initiatives_by_track()),
        "by_partner": charts.bar_chart("by-partner", _("Active initiatives by partner region"), by_partner),
        "over_time": charts.status_chart("over-time", _("Partner regions by status at the end of each year"),
                                         selectors.status_over_time()),
        "can_edit": can_edit_partners(request.user),
    }
    return render(request, "partners/dashboard.html", context, status=400 if form.errors else 200)


@reader
def region_detail(request, pk):
    context = selectors.region_detail(pk)
    context["map"] = maps.region_map([context["region"]])
    context["can_edit"] = can_edit_partners(request.user)
    return render(request, "partners/region_detail.html", context)


@reader
def region_print(request, pk):
    return render(request, "partners/region_print.html", selectors.region_detail(pk))


def _save(request, *, form, save, template, context, success):
    """Bind, validate and save one edit; keep the user's input when the save is refused."""
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except services.EditConflict as error:
            conflict = True
            # Keep the user's input, now based on the saved version: saving again is a deliberate overwrite.
            form.data = form.data.copy()
            form.data["version"] = error.current_version
            form.add_error(None, _("Someone else saved this meanwhile. Your changes are not saved yet: they are "
                                   "still in the form. Reload the page in a new tab to see theirs, then save again "
                                   "to keep your version, or cancel to keep theirs."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            if isinstance(saved, StrategicTrack):
                return redirect("partners:track_detail", pk=saved.pk)
            return redirect("partners:region_detail", pk=saved.pk)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(request, template, {"form": form, "conflict": conflict, **context}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def region_edit(request, pk=None):
    if pk:
        region = get_region_for_edit(request, pk)
    else:
        require(request.user, "partners.add_partnerregion")
        region = PartnerRegion()
    form = PartnerRegionForm(_posted(request), instance=region, initial={"version": region.version})

    def save(f):
        if pk:
            return services.update_region(region=f.instance, fields=f.cleaned_data["fields"],
                                          expected_version=f.cleaned_data["version"], by=request.user)
        return services.create_region(region=f.instance, fields=f.cleaned_data["fields"], by=request.user)

    return _save(request, form=form, save=save, template="partners/region_form.html", context={"region": region},
                 success=_("The partner region was saved."))


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    region = get_region_for_edit(request, pk, "partners.add_statusdecision")
    form = StatusDecisionForm(_posted(request))

    def save(f):
        services.record_status_decision(region=region, by=request.user, **f.cleaned_data)
        return region

    return _save(request, form=form, save=save, template="partners/decision_form.html", context={"region": region},
                 success=_("The decision was recorded."))


@reader
def track_list(request):
    return render(request, "partners/track_list.html",
                  {"tracks": selectors.track_list(), "can_edit": can_edit_tracks(request.user)})


@reader
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
    form = StrategicTrackForm(_posted(request), instance=track, initial={"version": track.version})

    def save(f):
        relations = {"fields": f.cleaned_data["fields"], "partner_regions": f.cleaned_data["partner_regions"]}
        if pk:
            return services.update_track(track=f.instance, expected_version=f.cleaned_data["version"],
                                         by=request.user, **relations)
        return services.create_track(track=f.instance, by=request.user, **relations)

    return _save(request, form=form, save=save, template="partners/track_form.html", context={"track": track},
                 success=_("The strategic track was saved."))
