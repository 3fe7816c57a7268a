"""Exceptions marsad raises for the caller's mistakes and for store trouble.

Every exception the library raises on purpose is a :class:`MarsadError`; its
message is one line that says what went wrong and, where possible, how to fix
it. Front ends (the CLI) print the message and exit non-zero; they never show a
traceback for these. Bad *documents* are not exceptions: readers report them as
:class:`marsad.readers.InputProblem` values and go on.
"""
from __future__ import annotations


class MarsadError(Exception):
    """Base class of every error marsad raises on purpose."""


class InputError(MarsadError):
    """The caller gave an argument marsad cannot use (a bad date filter, a bad path)."""


class StoreError(MarsadError):
    """The SQLite store cannot be opened, migrated, read or written."""


class RecordError(MarsadError):
    """The ``make_record`` given to :meth:`marsad.store.Store.add_document` failed (extraction);
    the exception it raised is ``__cause__``. Nothing of that document was stored."""


class NoDatabaseError(StoreError):
    """A read command was pointed at a database file that does not exist."""


class NotFoundError(StoreError):
    """An event or document id that is not in the store."""
