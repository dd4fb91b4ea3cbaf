import pytest

from readwire.api.tests.pushing import AGENCY_SECRET
from readwire.wire.models import Source


@pytest.fixture
def agency(db):
    """The agency's editorial system, pushing its wire."""
    return Source.objects.create(name="agency", title="The Agency", secret=AGENCY_SECRET)
