from __future__ import annotations

from datetime import date

from django import forms

from readwire.search.backends import NEWEST, RELEVANCE
from readwire.search.query import MAX_QUERY_CHARS
from readwire.topics.models import Section

# The search service stops at 1000 results: 50 pages of 20.
MAX_PAGE = 50
# The search service dates stories to the second for these years.
FIRST_DAY, LAST_DAY = date(1800, 1, 2), date(2999, 12, 30)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class SearchForm(forms.Form):
    """What the search page's address says: words, filters, order and page (all optional)."""

    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=MAX_QUERY_CHARS,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "aria-describedby": "q-hint", "autocomplete": "off"}),
    )
    desk = forms.ChoiceField(label="Desk", required=False)
    topic = forms.ChoiceField(label="Topic in Focus", required=False)
    person = forms.CharField(label="Person", required=False, max_length=200)
    place = forms.CharField(label="Place", required=False, max_length=200)
    since = forms.DateField(label="From", required=False, widget=DateInput())
    until = forms.DateField(label="Until", required=False, widget=DateInput())
    sort = forms.ChoiceField(
        label="Order", required=False, choices=[(RELEVANCE, "Best match"), (NEWEST, "Newest first")]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)

    FILTERS = ("desk", "topic", "person", "place", "since", "until", "sort")

    def __init__(self, data, *, sections: list[Section]):
        super().__init__(data)
        anywhere = [("", "Any")]
        self.fields["desk"].choices = anywhere + [(s.slug, s.name) for s in sections if s.kind == Section.Kind.DESK]
        self.fields["topic"].choices = anywhere + [
            (s.slug, s.name) for s in sections if s.kind == Section.Kind.TOPIC_IN_FOCUS
        ]
        self.sections = {(s.kind, s.slug): s for s in sections}

    def clean(self):
        cleaned = super().clean()
        for name in ("since", "until"):
            day = cleaned.get(name)
            if day and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, f"Choose a day between {FIRST_DAY.year} and {LAST_DAY.year}.")
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the range comes before its start.")
        return cleaned

    @property
    def filter_fields(self):
        return [self[name] for name in self.FILTERS]

    @property
    def has_filters(self) -> bool:
        """Whether the address asks for any filter, or an order other than the default (the
        filters are shown open then)."""
        data = self.data
        return any(data.get(name) for name in self.FILTERS if name != "sort") or data.get("sort") == NEWEST

    def selected_sections(self) -> list[Section]:
        chosen = [("desk", self.cleaned_data.get("desk")), ("topic", self.cleaned_data.get("topic"))]
        return [self.sections[key] for key in chosen if key[1]]
