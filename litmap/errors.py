"""One exception hierarchy, rooted at :class:`LitmapError`.

Messages name the thing that went wrong and say how to fix it; the CLI shows
them as they are (exit status 1).
"""

from __future__ import annotations

__all__ = [
    "LitmapError",
    "InputError",
    "SettingsError",
    "OutputError",
    "ExtractionError",
    "ParseError",
    "StoreError",
    "StoreLockedError",
    "NotAStoreError",
    "StoreWriteError",
    "MissingDependency",
    "AnalysisError",
]


class LitmapError(Exception):
    """Base class of every error litmap raises on purpose."""


class InputError(LitmapError):
    """A file or argument the user gave cannot be used."""


class SettingsError(InputError, ValueError):
    """A setting out of its range or not one of its choices; the message says what is allowed.

    Also a ``ValueError``: the settings records raised that before, and callers catch it.
    """

    @classmethod
    def unknown(cls, what: str, value: object, choices: tuple[str, ...]) -> SettingsError:
        """``unknown PDF engine 'x'; choose one of pdfium, pdfplumber``."""
        return cls(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")


class OutputError(InputError):
    """An output (report folder, export file) cannot be written there: full, read-only, not allowed."""


class ExtractionError(InputError):
    """A file could not be read as a paper (corrupt, encrypted, empty, …).

    ``reason`` is the short, one-line explanation that is stored with the
    document and shown in ``litmap status``.
    """

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ParseError(LitmapError):
    """Text was read but could not be structured."""


class StoreError(LitmapError):
    """The SQLite store is missing, corrupt, or of an unknown version."""


class StoreLockedError(StoreError):
    """Another litmap process is writing to the same store."""


class NotAStoreError(StoreError):
    """``--db`` names a file that is not a litmap store (another program's
    database, a PDF, an empty file); it was left unchanged."""


class StoreWriteError(StoreError):
    """The store or its folder cannot be written: disk full, read-only, no permission."""


class MissingDependency(LitmapError):
    """An optional library or program is not installed."""

    def __init__(self, what: str, hint: str):
        self.what = what
        self.hint = hint
        super().__init__(f"{what} is not available: {hint}")


class AnalysisError(LitmapError):
    """An analysis could not run on this corpus (e.g. too small)."""
