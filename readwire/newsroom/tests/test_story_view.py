import pytest

from readwire.newsroom.tests.conftest import publish


@pytest.fixture
def corrected(agency):
    publish(
        agency,
        "urn:agency:dam",
        headline="Dam spills after record rain",
        body_html="<p>The dam spilled at 6am.</p><p>Residents were warned.</p>",
        original='{"uri": "urn:agency:dam", "body_html": "<script>alert(1)</script>"}',
    )
    publish(
        agency,
        "urn:agency:dam",
        2,
        headline="Dam spills after record rain",
        body_html="<p>The dam spilled at 6am.</p><p>Residents were warned.</p>",
        urgency=3,
    )
    return publish(
        agency,
        "urn:agency:dam",
        3,
        headline="Dam spills after record rain",
        body_html="<p>The dam spilled at 7am.</p><p>Residents were warned.</p>",
        signals=["correction"],
        ed_note="Corrects the time the dam spilled.",
        warnings=["ninjs: unknown field 'body_xhtml' ignored"],
        original="<newsItem>v3</newsItem>",
    )


def test_story_page_lists_every_version_with_its_note_and_warnings(editor_client, corrected):
    page = editor_client.get(f"/newsroom/story/{corrected.pk}/").content.decode()
    for number in (1, 2, 3):
        assert f'<th scope="row">v{number}' in page
    assert "Corrects the time the dam spilled." in page and "correction" in page
    assert '<span class="warn-count">1</span>' in page
    assert 'href="?a=2&amp;b=3"' in page


def test_compare_shows_two_versions_side_by_side_word_by_word(editor_client, corrected):
    page = editor_client.get(f"/newsroom/story/{corrected.pk}/?a=1&b=3").content.decode()
    story_row = page.split('<th scope="row">Story</th>', 1)[1].split("</tr>", 1)[0]
    left, right = story_row.split('class="diff diff-left"', 1)[1].split('class="diff diff-right"', 1)
    assert "<del>6am.</del>" in left and "<ins>" not in left.split("</td>")[0]
    assert "<ins>7am.</ins>" in right and "<del>" not in right.split("</td>")[0]
    # Paragraphs stay apart.
    assert "The dam spilled at" in left and "<br><br>" in left.split("</td>")[0]
    # Fields beside the text: the note, the signals, pubStatus and the warnings recorded at ingest.
    assert "Corrects the time the dam spilled." in page
    assert "ninjs: unknown field &#x27;body_xhtml&#x27; ignored" in page
    assert "<td>usable</td>" in page


def test_original_document_is_shown_collapsed_and_escaped(editor_client, corrected):
    page = editor_client.get(f"/newsroom/story/{corrected.pk}/?a=1&b=3").content.decode()
    assert '<details class="original">' in page and '<details class="original" open' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "&lt;newsItem&gt;v3&lt;/newsItem&gt;" in page


def test_without_a_choice_compare_shows_what_the_current_version_changed(editor_client, corrected):
    page = editor_client.get(f"/newsroom/story/{corrected.pk}/").content.decode()
    assert "What changed from v2 to v3" in page and "<ins>7am.</ins>" in page


def test_compare_with_no_text_change_says_so_and_marks_the_other_fields(editor_client, corrected):
    page = editor_client.get(f"/newsroom/story/{corrected.pk}/?a=1&b=2").content.decode()
    assert "The text is the same in v1 and v2" in page
    assert '<tr class="is-changed">\n        <th scope="row">Urgency' in page


def test_a_story_with_one_version_shows_it_alone(editor_client, agency):
    story = publish(agency, "urn:agency:solo", headline="Only once")
    page = editor_client.get(f"/newsroom/story/{story.pk}/").content.decode()
    assert "This story has one version." in page and "Only once" in page


def test_comparing_a_version_that_does_not_exist_is_not_found(editor_client, corrected):
    response = editor_client.get(f"/newsroom/story/{corrected.pk}/?a=1&b=9")
    assert response.status_code == 404 and b"This story has no version 9." in response.content


def test_unknown_story_is_not_found(editor_client, db):
    assert editor_client.get("/newsroom/story/999999/").status_code == 404


def test_story_page_costs_a_fixed_number_of_queries(editor_client, corrected, django_assert_num_queries):
    # user (the session is read from its cache), story (with its front-page entry and pin), versions,
    # the two compared; then for its desks: corrections, placements, the sections to add it to, the
    # corrections' log
    with django_assert_num_queries(8):
        editor_client.get(f"/newsroom/story/{corrected.pk}/?a=1&b=3")
