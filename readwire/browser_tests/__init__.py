"""Readwire in a real browser: Playwright driving Debian's Chromium against the live test server.

Every test here is marked ``browser``; ``make test`` runs them in the SQLite pass only.
"""
