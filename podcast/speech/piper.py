"""A neural voice from a Piper voice model file, run on the CPU with ONNX Runtime.

A Piper voice is two files: the VITS model (``<name>.onnx``) and its settings
beside it (``<name>.onnx.json``: the eSpeak NG voice that turns text into
phonemes, the id of every phoneme, the sample rate and the synthesis scales).
Text becomes IPA phonemes through the eSpeak NG library already shipped for
the offline voice (``podcast.speech.espeak.phonemes``), phonemes become ids
as Piper's own runtime makes them (``^``, each phoneme followed by the pad
``_``, ``$``), and ONNX Runtime turns the ids into 16-bit mono audio at the
model's rate. Nothing is downloaded: the user names the model file in
``[speech] piper_model``. The model gives no word timings.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import threading
import unicodedata
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podcast.config import Speech
from podcast.errors import SpeechError
from podcast.pcm import Clip
from podcast.speech.chunks import chunk
from podcast.speech.espeak import phonemes
from podcast.speech.patience import GaveUp

MAX_CHARS = 200
"""Characters per inference: a sentence or two (the memory an inference takes grows with it)."""
INPUTS = {"input", "input_lengths", "scales"}
"""What a Piper voice model takes (and ``sid`` when it has several speakers)."""
BOS, EOS, PAD = "^", "$", "_"
ADVICE = "set [speech] piper_model to a Piper voice's .onnx file, or use --engine espeak"
ORT_THREADS = 1
"""Threads one inference uses: a build makes one article per core (--jobs), and a second
thread was slower, not faster, on a busy 2-core machine (benchmarks/local_voice.py)."""
_lock = threading.Lock()


@dataclass(frozen=True)
class Model:
    """A loaded Piper voice: its ONNX Runtime session and the settings from its JSON file."""

    session: Any
    voice: str
    ids: dict[str, list[int]]
    sample_rate: int
    scales: tuple[float, float, float]
    speakers: int


class Piper:
    """The local neural voice: natural, offline, as good as the model file the user brings."""

    kind = "piper"
    concurrency = 1  # one inference at a time per process

    def __init__(self, model: str, speed: float = Speech().piper_speed) -> None:
        self.model = Path(model)
        self.speed = speed

    @property
    def name(self) -> str:
        return f"piper:{self.model.name}:{fingerprint(self.model)}:{self.speed:g}"

    def split(self, text: str) -> list[str]:
        """The texts the model speaks at once: whole sentences, up to 200 characters."""
        return [part for part in chunk(text, MAX_CHARS) if any(c.isalnum() for c in part)]

    def speak(self, text: str) -> Clip:
        """``text`` as a mono 16-bit WAV clip; GaveUp naming the file when the model is unusable."""
        import numpy as np
        from onnxruntime.capi.onnxruntime_pybind11_state import Fail, InvalidArgument

        model = load(self.model)
        ids = phoneme_ids(phonemes(text, model.voice), model.ids)
        noise, length, noise_w = model.scales
        feed = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array([noise, length / self.speed, noise_w], dtype=np.float32),
        }
        if model.speakers > 1:
            feed["sid"] = np.array([0], dtype=np.int64)
        try:
            with _lock:
                audio = model.session.run(None, feed)[0]
        except (Fail, InvalidArgument) as error:
            cause = f"{self.model}: the voice model failed ({_first_line(error)})"
            raise GaveUp(cause, ADVICE) from None
        samples = np.clip(np.asarray(audio, dtype=np.float32).reshape(-1), -1.0, 1.0)
        if not samples.size:
            raise SpeechError(f"{self.model}: no audio for {text[:60]!r}")
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(model.sample_rate)
            out.writeframes((samples * 32767).astype("<i2").tobytes())
        return Clip(buffer.getvalue(), "wav")


def phoneme_ids(ipa: str, ids: dict[str, list[int]]) -> list[int]:
    """The model's input for ``ipa``: start, each known phoneme then the pad, end.

    >>> phoneme_ids("ha!", {"^": [1], "$": [2], "_": [0], "h": [5], "a": [6], "!": [4]})
    [1, 0, 5, 0, 6, 0, 4, 0, 2]
    """
    found = [*ids[BOS], *ids[PAD]]
    for phoneme in unicodedata.normalize("NFD", ipa):
        if phoneme in ids:
            found += [*ids[phoneme], *ids[PAD]]
    return [*found, *ids[EOS]]


def settings_path(model: Path) -> Path:
    """Where a model's Piper settings are: ``<model>.json`` beside it."""
    return model.with_name(model.name + ".json")


def problem(model: Path) -> str:
    """Why ``model`` cannot be a Piper voice without loading it, or "" when it may be one."""
    if not model.is_file():
        return f"{model}: no such voice model file"
    if not settings_path(model).is_file():
        return f"{settings_path(model)}: no such file (a Piper voice's settings, beside its model)"
    return ""


def fingerprint(model: Path) -> str:
    """A short digest of the model file's bytes, for cache keys: another model, other clips."""
    try:
        stat = model.stat()
    except OSError:
        return "missing"
    return _digest(model, stat.st_size, stat.st_mtime_ns)


@functools.cache
def _digest(model: Path, size: int, mtime_ns: int) -> str:
    hasher = hashlib.sha256()
    with model.open("rb") as data:
        while block := data.read(1 << 20):
            hasher.update(block)
    return hasher.hexdigest()[:12]


def load(model: Path) -> Model:
    """The voice in ``model`` and its settings, loaded once per file version."""
    found = problem(model)
    if found:
        raise GaveUp(found, ADVICE)
    stat = model.stat()
    return _load(model, stat.st_size, stat.st_mtime_ns)


@functools.cache
def _load(model: Path, size: int, mtime_ns: int) -> Model:
    import onnxruntime
    from onnxruntime.capi import onnxruntime_pybind11_state as ort_errors

    where = settings_path(model)
    try:
        settings = json.loads(where.read_text(encoding="utf-8"))
        voice = str(settings["espeak"]["voice"])
        ids = {str(k): [int(i) for i in v] for k, v in settings["phoneme_id_map"].items()}
        sample_rate = int(settings["audio"]["sample_rate"])
        inference = settings.get("inference", {})
        scales = (
            float(inference.get("noise_scale", 0.667)),
            float(inference.get("length_scale", 1.0)),
            float(inference.get("noise_w", 0.8)),
        )
        speakers = int(settings.get("num_speakers", 1))
        missing = [mark for mark in (BOS, EOS, PAD) if mark not in ids]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        cause = f"no {error}" if isinstance(error, KeyError) else _first_line(error)
        raise GaveUp(f"{where}: not a Piper voice's settings ({cause})", ADVICE) from None
    if missing:
        raise GaveUp(f"{where}: its phoneme_id_map has no {missing[0]!r}", ADVICE)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = min(ORT_THREADS, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    try:
        session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
    except (
        ort_errors.Fail,
        ort_errors.InvalidArgument,
        ort_errors.InvalidGraph,
        ort_errors.InvalidProtobuf,
        ort_errors.NoSuchFile,
        ort_errors.NotImplemented,
        ort_errors.RuntimeException,
    ) as error:
        cause = f"{model}: not a model ONNX Runtime can load ({_first_line(error)})"
        raise GaveUp(cause, ADVICE) from None
    names = {given.name for given in session.get_inputs()}
    if not names >= INPUTS:
        raise GaveUp(
            f"{model}: not a Piper voice (it takes {', '.join(sorted(names))};"
            f" a Piper voice takes {', '.join(sorted(INPUTS))})",
            ADVICE,
        )
    return Model(session, voice, ids, sample_rate, scales, speakers)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text.split(" : ")[-1].strip()
