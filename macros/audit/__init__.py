"""Audit trail: document control, page checks and typed figures, revision history, data digests, the manifest,
editions, what changed, the validation of data/ that every build and script runs first, and their views.
"""
