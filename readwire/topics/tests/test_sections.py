"""The default desks and Topics in Focus a fresh install has, and what operators may change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from readwire.topics.mediatopics import vocabulary
from readwire.topics.models import Section
from readwire.topics.placement import SectionRules


def test_a_fresh_install_has_the_ten_desks_and_five_topics_in_focus(sections):
    assert list(Section.objects.desks().values_list("name", flat=True)) == [
        "National", "World", "Politics", "Courts", "Business", "Finance", "Sport", "Entertainment", "Science", "Health",
    ]  # fmt: skip
    assert list(Section.objects.topics_in_focus().values_list("name", flat=True)) == [
        "Environment", "Agriculture", "Future Economies", "Arts", "Refugee Issues",
    ]  # fmt: skip


def test_every_default_section_maps_to_current_media_topics(sections):
    vocab = vocabulary()
    for section in sections.values():
        assert section.media_topics, section.slug
        for code in section.media_topics:
            resolved = vocab.resolve(code)
            assert resolved and not vocab.concepts[resolved][2], f"{section.slug}: {code}"


def test_the_subject_given_to_a_classified_story_places_it_back_in_its_section(sections):
    rules = SectionRules.load()
    for slug, section_id in rules.by_slug.items():
        assert section_id in rules.for_codes([rules.first_topic[section_id]]), slug


def test_the_top_level_topics_a_general_wire_uses_all_land_somewhere(sections):
    rules = SectionRules.load()
    tops = [code for code, (_label, broader, retired) in vocabulary().concepts.items() if not broader and not retired]
    assert len(tops) == 17
    assert [code for code in tops if not rules.for_codes([code])] == []


def test_unknown_media_topic_codes_are_refused(db):
    section = Section(kind="desk", slug="odd", name="Odd", media_topics=["medtop:15000000", "medtop:12345678"])
    with pytest.raises(ValidationError, match="medtop:12345678"):
        section.full_clean()


def test_keywords_must_be_a_list_of_words(db):
    section = Section(kind="topic", slug="odd", name="Odd", keywords="refugees")
    with pytest.raises(ValidationError, match="keywords"):
        section.full_clean()


def test_an_operator_can_edit_a_section_in_the_admin(admin_client, sections):
    section = sections["arts"]
    page = admin_client.get(f"/admin/topics/section/{section.pk}/change/")
    assert page.status_code == 200
    response = admin_client.post(
        f"/admin/topics/section/{section.pk}/change/",
        {
            "kind": "topic",
            "name": "Arts and Culture",
            "slug": "arts",
            "description": section.description,
            "position": 14,
            "active": "on",
            "media_topics": '["medtop:20000002", "medtop:20000038"]',
            "keywords": '["galleries"]',
            "geography": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    section.refresh_from_db()
    assert (section.name, section.keywords) == ("Arts and Culture", ["galleries"])
    assert section.media_topics == ["medtop:20000002", "medtop:20000038"]
    assert admin_client.get("/admin/topics/section/").status_code == 200
