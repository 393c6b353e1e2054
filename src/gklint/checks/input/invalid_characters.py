"""GK015 invalid-characters: characters of a document that are no valid text (lone UTF-16
surrogates, a Word symbol code beyond Unicode) were replaced with U+FFFD. Said once per file, at
info level: the text at those places could not be read.

Raised by the readers (readers/__init__.py checks every reader's text)."""

from __future__ import annotations

from .. import Rule


class InvalidCharacters(Rule):
    code = "GK015"
    name = "invalid-characters"
    severity = "info"
