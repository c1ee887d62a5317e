"""eSpeak NG's Indonesian voice, driven in-process from the espeakng-loader wheel."""

from __future__ import annotations

import ctypes
import io
import re
import threading
import wave

import espeakng_loader

from podcast.config import Speech
from podcast.errors import SpeechError
from podcast.pcm import Clip

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_CHARS_UTF8 = 1
POSITION_CHARACTER = 1
VOICE = b"id"
PHONEMES_IPA = 0x02
CLAUSE = re.compile(r"(.+?)([.,;:!?…]+[\"'”’»)\]]*)(?=\s|$)|(.+)$", re.S)
"""A clause and the punctuation ending it: only before a space, so ``5,6`` or ``08.00`` stay."""

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

# libespeak-ng keeps global state: one synthesis at a time in a process.
_lock = threading.Lock()
_library: tuple[ctypes.CDLL, int] | None = None
_chunks: list[bytes] = []
_voice = VOICE


def _collect(wav: ctypes._Pointer[ctypes.c_short], samples: int, events: int) -> int:
    if samples > 0:
        _chunks.append(ctypes.string_at(wav, samples * 2))
    return 0


_callback = _SynthCallback(_collect)


def _load() -> tuple[ctypes.CDLL, int]:
    """Load and initialise libespeak-ng once; return it with its sample rate in Hz."""
    global _library
    if _library is None:
        library = ctypes.CDLL(espeakng_loader.get_library_path())
        library.espeak_Initialize.argtypes = [
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
        ]
        library.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        library.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        library.espeak_TextToPhonemes.restype = ctypes.c_char_p
        rate = library.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0
        )
        if rate <= 0:
            raise SpeechError("eSpeak NG could not start: its voice data is missing")
        library.espeak_SetSynthCallback(_callback)
        if library.espeak_SetVoiceByName(VOICE) != 0:
            raise SpeechError("eSpeak NG has no Indonesian voice in its data")
        _library = (library, rate)
    return _library


def _select(library: ctypes.CDLL, voice: bytes) -> None:
    """Make ``voice`` (``id`` or ``id+<variant>``) the one libespeak-ng speaks with."""
    global _voice
    if voice != _voice:
        if library.espeak_SetVoiceByName(voice) != 0:
            raise SpeechError(f"eSpeak NG has no voice {voice.decode()!r}")
        _voice = voice


class Espeak:
    """The offline voice: fast, robotic, always there; ``variant`` is one of eSpeak NG's."""

    kind = "espeak"
    concurrency = 1  # libespeak-ng speaks one text at a time in a process

    def __init__(self, variant: str = Speech().espeak_variant) -> None:
        self.variant = variant

    @property
    def name(self) -> str:
        return "espeak:id" + (f"+{self.variant}" if self.variant else "")

    def split(self, text: str) -> list[str]:
        """eSpeak NG speaks a whole paragraph at once."""
        return [text] if text.strip() else []

    def speak(self, text: str) -> Clip:
        """Synthesize ``text`` into a mono 16-bit WAV clip."""
        encoded = text.encode("utf-8")
        with _lock:
            library, rate = _load()
            _select(library, VOICE + (f"+{self.variant}".encode() if self.variant else b""))
            _chunks.clear()
            status = library.espeak_Synth(
                encoded, len(encoded) + 1, 0, POSITION_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None
            )
            pcm = b"".join(_chunks)
            _chunks.clear()
        if status != 0 or not pcm:
            raise SpeechError(f"eSpeak NG produced no audio (status {status}) for: {text[:60]!r}")
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(pcm)
        return Clip(buffer.getvalue(), "wav")


def phonemes(text: str, voice: str) -> str:
    """``text`` as IPA phonemes in eSpeak NG's ``voice``, each clause followed by its punctuation.

    >>> phonemes("Halo, dunia.", "id")
    'hˈalo, dunˈia. '
    """
    said = []
    with _lock:
        library, _ = _load()
        _select(library, voice.encode())
        for found in CLAUSE.finditer(text.strip()):
            clause, ending = (found[1], found[2]) if found[1] else (found[3], "")
            encoded = ctypes.c_char_p(clause.encode("utf-8"))
            pointer = ctypes.pointer(encoded)
            parts = []
            for _ in range(len(clause) + 1):  # each call says one clause and moves on, or ends
                if not pointer.contents.value:
                    break
                part = library.espeak_TextToPhonemes(pointer, ESPEAK_CHARS_UTF8, PHONEMES_IPA)
                parts.append((part or b"").decode("utf-8", errors="replace"))
            said.append(" ".join(parts) + ending.rstrip("\"'”’»)]") + " ")
    return "".join(said)
