"""The editors' console at /newsroom/: the wire as it arrives, a story's versions, front-page curation."""
