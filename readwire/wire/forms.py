"""Forms for the wire's admin pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from readwire.wire.models import Source


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is cleaned like a single ``FileField`` would be."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, list | tuple) and data:
            return [clean_one(one, initial) for one in data]
        return [clean_one(data or None, initial)]


class WireUploadForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.filter(active=True),
        help_text="Stories are stored as this source's; a story another source sent first cannot be changed.",
    )
    # An empty file is ingest's to reject, with the others still read, not the form's.
    files = MultipleFileField(allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            "ninjs, NewsML-G2, NITF, RSS/Atom, HTML pages or plain text, each detected from its content; "
            f"at most {filesizeformat(settings.WIRE_MAX_DOCUMENT_BYTES)} a file."
        )
