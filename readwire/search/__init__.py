"""Full-text search over the wire: ``readwire.search.search(query, desk=..., ...)``.

docs/search.md describes the query language and ranking; ``backends`` the two implementations.
"""


def search(query: str, **options):
    """See ``readwire.search.service.search``."""
    from readwire.search.service import search as run_search

    return run_search(query, **options)
