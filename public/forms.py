from django import forms
from django.utils.translation import gettext_lazy as _

from public.models import Publication


class PublicationForm(forms.ModelForm):
    """What is public: the strategy, the partner regions and, for each plan in force (`plans`, with their
    `publication` or None), the plan and its latest reported status. `version` is the settings' version the form
    was shown with: a change made meanwhile by someone else is not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Publication
        fields = ["strategy_public", "partners_public"]

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = plans
        self.fields["version"].initial = self.instance.version
        for plan in plans:
            entry = getattr(plan, "publication", None)
            self.fields[f"plan_{plan.pk}"] = forms.BooleanField(
                label=_("%(plan)s is public") % {"plan": plan}, required=False,
                initial=bool(entry and entry.plan_public))
            self.fields[f"status_{plan.pk}"] = forms.BooleanField(
                label=_("The latest reported status of %(plan)s is public") % {"plan": plan}, required=False,
                initial=bool(entry and entry.status_public),
                help_text=_("Status and progress of each initiative, and its narrative unless it is marked "
                            "internal."))

    def clean(self):
        cleaned = super().clean()
        for plan in self.plans:
            if cleaned.get(f"status_{plan.pk}") and not cleaned.get(f"plan_{plan.pk}"):
                self.add_error(f"status_{plan.pk}", _("A plan's status can only be public when the plan is."))
        return cleaned

    def plan_choices(self) -> dict[int, tuple[bool, bool]]:
        return {plan.pk: (self.cleaned_data[f"plan_{plan.pk}"], self.cleaned_data[f"status_{plan.pk}"])
                for plan in self.plans}
