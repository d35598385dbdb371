"""Shared test set-up.

Its presence puts ``tests/`` on ``sys.path`` (pytest's default "prepend"
import mode), so helper modules here -- ``fakes`` (a stand-in engine for
door tests) and ``contracts`` (validation against ``protocols/``) -- import
by name from any test directory, ``tests/e2e`` included; so does ``figures``
(what the hardening tests measured, in ``tests/artifacts``).
"""
