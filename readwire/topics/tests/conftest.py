"""A small world for placement: the default desks and Topics in Focus, the agency's wire, a partner
feed, an editor (erin) and readers (alice, bob)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from readwire.wire.item import Subject, WireItem
from readwire.wire.models import Source

_defaults = importlib.import_module("readwire.topics.migrations.0002_default_sections")


@pytest.fixture
def sections(db):
    """The sections a fresh install has, by slug (made again if a transactional test flushed them)."""
    from readwire.topics.models import Section

    _defaults.create_default_sections(django_apps, None)
    return {section.slug: section for section in Section.objects.all()}


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency", title="The Agency")


@pytest.fixture
def partner(db):
    return Source.objects.create(name="partner", title="Partner Press", kind=Source.Kind.FEED)


def make_user(username: str):
    from django.contrib.auth import get_user_model

    # No password: hashing one costs more than everything else these tests do.
    return get_user_model().objects.create_user(username, f"{username}@example.com")


@pytest.fixture
def erin(db):
    """An editor."""
    return make_user("erin")


@pytest.fixture
def alice(db):
    return make_user("alice")


@pytest.fixture
def bob(db):
    return make_user("bob")


def medtop(code: str, name: str = "") -> Subject:
    return Subject(name=name, code=f"medtop:{code}")


def wire_item(uri: str = "urn:agency:story-1", *, version: int | None = 1, **fields) -> WireItem:
    fields.setdefault("headline", "Something happened")
    fields.setdefault("body_text", "It happened today, officials said.")
    return WireItem(uri=uri, version=version, format="ninjs", **fields)
