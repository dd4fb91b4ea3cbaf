from __future__ import annotations

from django import forms

from readwire.topics.models import Section
from readwire.wire.models import Story


class WireFilterForm(forms.Form):
    """The wire screen's filters; a value that does not parse is ignored rather than refused."""

    desk = forms.SlugField(required=False, max_length=60)
    source = forms.SlugField(required=False, max_length=80)
    urgency = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, choices=[("", "Any")] + [(str(n), str(n)) for n in range(1, 10)]
    )
    before = forms.IntegerField(required=False, min_value=1)
    after = forms.IntegerField(required=False, min_value=0)


class CompareForm(forms.Form):
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)


class CurationForm(forms.Form):
    ACTIONS = [
        ("set_lead", "Make lead"),
        ("clear_lead", "Automatic lead"),
        ("add_top", "Add to top"),
        ("up", "Move up"),
        ("down", "Move down"),
        ("remove_top", "Remove from top"),
        ("pin", "Pin"),
        ("unpin", "Unpin"),
    ]

    action = forms.ChoiceField(choices=ACTIONS)
    story = forms.ModelChoiceField(queryset=Story.objects.all(), required=False)
    until = forms.DateTimeField(required=False, help_text="Leave empty to pin until unpinned.")
    next = forms.CharField(required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("action") and data["action"] != "clear_lead" and not data.get("story"):
            raise forms.ValidationError("Choose a story.")
        return data


class PlacementForm(forms.Form):
    """An editor puts a story in a desk or Topic in Focus, or takes it out (by the section's slug)."""

    action = forms.ChoiceField(choices=[("add", "Add"), ("remove", "Remove")])
    section = forms.CharField(max_length=60, error_messages={"required": "Choose a desk or Topic in Focus."})

    def clean_section(self) -> Section:
        slug = self.cleaned_data["section"].strip()
        section = Section.objects.filter(slug=slug, active=True).first()
        if section is None:
            raise forms.ValidationError(f"There is no desk or Topic in Focus called “{slug}”; nothing was changed.")
        return section
