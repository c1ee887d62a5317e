"""Keep a published episode's low-data edition in step with the show's [audio] settings.

An episode whose script has not changed is not spoken or mastered again; when
only the low-data settings changed (or its edition is missing), the edition
is encoded again from the published MP3, which holds the mastered episode at
its loudness: no speech, no mix, the MP3 untouched.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mutagen import MutagenError

from podcast.audio import LOW_DATA_TYPES, encode_low_data, low_data_settings, low_data_suffix
from podcast.catalog import Episode
from podcast.config import Audio, Show
from podcast.episode import describe_low_data, low_data_name, tag_low_data
from podcast.errors import OutputError
from podcast.files import replace_atomic, temporary_for


def low_data_target(audio: Audio, mp3: str) -> tuple[str, tuple[str, str]] | None:
    """The low-data edition's file name and (media type, codec) for the MP3 ``mp3``, or None."""
    suffix = low_data_suffix(audio)
    if suffix is None:
        return None
    kind, codec, _ = LOW_DATA_TYPES[audio.low_data]
    return low_data_name(mp3, suffix), (kind, codec)


def finish_low_data(
    temporary: Path, name: str, kind: tuple[str, str], episode: Episode, show: Show, audio: Audio
) -> Episode:
    """Tag the low-data edition encoded at ``temporary`` and describe it in ``episode``."""
    tag_low_data(temporary, episode, show)
    facts = describe_low_data(temporary, name, kind, episode, low_data_settings(audio))
    return replace(episode, low_data=facts)


def current_low_data(episode: Episode, folder: Path, show: Show, audio: Audio) -> Episode:
    """``episode`` with its low-data edition as ``audio`` asks, encoding or deleting it in
    ``folder`` when it is not; the episode itself when it already is."""
    target = low_data_target(audio, episode.file)
    old = episode.low_data
    if target is None:
        if old is not None:
            _delete(folder / old.file)
        return replace(episode, low_data=None) if old else episode
    name, kind = target
    path = folder / name
    if (
        old
        and old.file == name
        and old.settings == low_data_settings(audio)
        and _size(path) == old.length
    ):
        return episode
    temporary = temporary_for(path)
    try:
        encode_low_data(folder / episode.file, temporary, audio)
        updated = finish_low_data(temporary, name, kind, episode, show, audio)
        replace_atomic(temporary, path)
    except (OSError, MutagenError) as error:
        raise OutputError(f"{path}: cannot be written ({error})") from None
    finally:
        temporary.unlink(missing_ok=True)
    if old and old.file != name:
        _delete(folder / old.file)
    return updated


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _delete(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot be deleted ({error.strerror})") from None
