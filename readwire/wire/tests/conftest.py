import pytest

from readwire.wire.models import Source


@pytest.fixture
def wire_source(db):
    """The agency's own editorial system."""
    return Source.objects.create(name="agency", title="The Agency")


@pytest.fixture
def partner_source(db):
    """A partner publisher whose feed Readwire polls."""
    return Source.objects.create(name="partner", title="Partner Press", kind=Source.Kind.FEED)
