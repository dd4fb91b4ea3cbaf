"""Near-duplicate stories: the same story from two sources, or refiled under a new URI.

- ``fingerprints``: text to shingles, MinHash signatures and LSH bands (pure, no database);
- ``rules``: the threshold and the rules that decide when two stories are one;
- ``linking``: the fingerprints and bands in the database, links between copies, groups and the
  copy readers are shown (``Story.duplicate_of``), and ``also_from`` for the story page;
- ``measure``: precision and recall on labelled pairs.

docs/duplicates.md explains the method, the threshold and how it was measured.
"""
