"""What changed in audio/ since a publish last looked: a journal of names written or deleted.

Every file the project writes into audio/ is moved into place by
``files.replace_atomic``, and every file it deletes there goes by ``files.remove``; both
first append the file's name to the folder's journal (``.changes``: hidden, so neither
served nor published) and make that line durable. So however a command ends, the journal
names every file that may differ from what was last published, and ``podcast publish``
looks at those only, trusting its ledger for the rest: its work grows with the change,
not with the archive.

The journal's first line holds its id; a publish keeps, per target, how far it has read
(a ``Mark``: the id and a byte offset). A journal that is missing, has another id, is
shorter than the mark or holds a line this cannot read vouches for nothing, and the
publish compares every file instead, as on its first day. A folder keeps a journal only
once a publish has started one there, so a project that never publishes writes none.

What the journal cannot see is a file changed behind the project's back (edited in place,
copied in by hand): ``podcast publish --full`` reads every file again and asks the bucket.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from podcast.errors import OutputError

JOURNAL_FILE = ".changes"
HEADER = b"podcast changes "
TIDY_BYTES = 256_000
"""A journal read to its end and larger than this is started afresh by the next publish."""


@dataclass(frozen=True)
class Mark:
    """A place in a journal: its id and a byte offset (the end of what was read)."""

    journal: str
    offset: int


def note(path: Path) -> None:
    """Add ``path``'s name to the journal of its folder, durably, when the folder keeps one.

    Called before the file is replaced or deleted, so a kill in between leaves a name too
    many (harmless: publish finds it unchanged), never one too few. One ``write`` with
    ``O_APPEND`` per line, so workers writing at once never mix their lines.
    """
    journal = path.parent / JOURNAL_FILE
    try:
        handle = os.open(journal, os.O_WRONLY | os.O_APPEND)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"{journal}: cannot be opened ({error.strerror})") from None
    try:
        os.write(handle, json.dumps(path.name).encode() + b"\n")
        os.fdatasync(handle)
    except OSError as error:
        raise OutputError(f"{journal}: cannot be written ({error.strerror})") from None
    finally:
        os.close(handle)


def mark(folder: Path) -> Mark | None:
    """Where the journal of ``folder`` ends now; None when it keeps none (or one unreadable)."""
    try:
        with (folder / JOURNAL_FILE).open("rb") as journal:
            first = journal.readline()
            size = os.fstat(journal.fileno()).st_size
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"{folder / JOURNAL_FILE}: cannot be read ({error.strerror})") from None
    if not (first.startswith(HEADER) and first.endswith(b"\n")):
        return None
    return Mark(first[len(HEADER) : -1].decode("ascii", "replace"), size)


def start(folder: Path) -> Mark:
    """A new, empty journal in ``folder`` (in place of any there); its mark."""
    journal, mark_id = folder / JOURNAL_FILE, secrets.token_hex(8)
    header = HEADER + mark_id.encode() + b"\n"
    temporary = folder / f"{JOURNAL_FILE}.tmp"
    try:
        with temporary.open("wb") as written:
            written.write(header)
            written.flush()
            os.fsync(written.fileno())
        temporary.replace(journal)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{journal}: cannot be written ({error.strerror})") from None
    return Mark(mark_id, len(header))


def changes(folder: Path, since: Mark | None, until: Mark) -> set[str] | None:
    """The names noted in the journal of ``folder`` after ``since`` up to ``until``; None
    when the journal cannot tell (no mark yet, another journal, a line it cannot read)."""
    if since is None or since.journal != until.journal or since.offset > until.offset:
        return None
    with (folder / JOURNAL_FILE).open("rb") as journal:
        journal.seek(since.offset)
        lines = journal.read(until.offset - since.offset).splitlines(keepends=True)
    names = set()
    for line in lines:
        try:
            name = json.loads(line) if line.endswith(b"\n") else None
        except ValueError:
            return None
        if not isinstance(name, str):
            return None
        names.add(name)
    return names


def tidy(folder: Path, until: Mark) -> Mark:
    """``until``, or a fresh journal's mark once the journal is read to its end and large."""
    now = mark(folder)
    if now == until and until.offset > TIDY_BYTES:
        return start(folder)
    return until
