"""The voices each engine offers for a language, and the setting that picks each one."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

import espeakng_loader

from podcast.errors import SpeechError

GOOGLE_ACCENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "id": (("com", "Indonesian"), ("co.id", "Indonesian, from Indonesia's Google")),
    "en": (
        ("com", "English (United States)"),
        ("co.uk", "English (United Kingdom)"),
        ("com.au", "English (Australia)"),
        ("co.in", "English (India)"),
        ("ca", "English (Canada)"),
    ),
    "pt": (("com.br", "Portuguese (Brazil)"), ("pt", "Portuguese (Portugal)")),
    "es": (("es", "Spanish (Spain)"), ("com.mx", "Spanish (Mexico)")),
    "fr": (("fr", "French (France)"), ("ca", "French (Canada)")),
}
"""Google's accents by ``tld``, for the languages that have more than one."""
ESPEAK_LANGUAGES = {"id": "Indonesian"}
"""The languages the offline voice speaks in this tool."""


@dataclass(frozen=True)
class VoiceChoice:
    """One voice an engine offers: the ``setting = value`` that picks it, and what it is."""

    engine: str
    setting: str
    value: str
    description: str


def edge_choices(language: str, timeout_s: float = 10.0) -> list[VoiceChoice]:
    """Edge's neural voices for ``language``, from its voice-list endpoint."""
    import aiohttp  # only here: Edge's client costs a tenth of a second to import
    from edge_tts import exceptions, list_voices

    async def fetch() -> list[dict[str, object]]:
        async with asyncio.timeout(timeout_s):
            return [dict(voice) for voice in await list_voices()]

    try:
        voices = asyncio.run(fetch())
    except TimeoutError:
        raise SpeechError(f"Edge's voice list gave no answer within {timeout_s:g} s") from None
    except aiohttp.ClientResponseError as error:
        raise SpeechError(f"Edge's voice list answered {error.status}") from None
    except (aiohttp.ClientError, exceptions.EdgeTTSException, OSError, ValueError):
        raise SpeechError("Edge's voice list could not be reached") from None
    base = language.split("-")[0].lower()
    return [
        VoiceChoice(
            "edge",
            "edge_voice",
            str(voice["ShortName"]),
            f"{voice['Gender']}, {voice['FriendlyName']}",
        )
        for voice in sorted(voices, key=lambda voice: str(voice["ShortName"]))
        if str(voice["Locale"]).split("-")[0].lower() == base
    ]


def google_choices(language: str) -> list[VoiceChoice]:
    """Google's accents for ``language``: one per Google domain (``tld``) that has its own."""
    from gtts.lang import tts_langs

    base = language.split("-")[0].lower()
    name = tts_langs().get(base)
    if name is None:
        return []
    accents = GOOGLE_ACCENTS.get(base, (("com", name),))
    return [VoiceChoice("gtts", "tld", tld, description) for tld, description in accents]


def espeak_choices(language: str) -> list[VoiceChoice]:
    """eSpeak NG's voice for ``language`` and the variants it can be spoken with."""
    base = language.split("-")[0].lower()
    if base not in ESPEAK_LANGUAGES:
        return []
    plain = VoiceChoice("espeak", "espeak_variant", "", f"{ESPEAK_LANGUAGES[base]}, as it comes")
    return [plain, *(VoiceChoice("espeak", "espeak_variant", *v) for v in espeak_variants())]


def espeak_variants() -> list[tuple[str, str]]:
    """Every variant in eSpeak NG's data: (file name, the name and gender it gives)."""
    folder = Path(espeakng_loader.get_data_path()) / "voices" / "!v"
    found = []
    for path in sorted(folder.iterdir(), key=lambda path: path.name.lower()):
        facts = dict(
            line.split(None, 1)
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if len(line.split(None, 1)) == 2
        )
        gender = facts.get("gender", "").lower().split()[:1]
        found.append((path.name, ", ".join([facts.get("name", path.name).strip(), *gender])))
    return found


def piper_choices(language: str, model: str = "") -> list[VoiceChoice]:
    """The Piper voices for ``language`` in the folder of the model file set, that one first."""
    import json

    if not model:
        raise SpeechError("no voice model file set ([speech] piper_model)")
    chosen = Path(model)
    if not chosen.parent.is_dir():
        raise SpeechError(f"{chosen.parent}: no such folder")
    found = sorted(chosen.parent.glob("*.onnx"), key=lambda path: (path != chosen, path.name))
    base = language.split("-")[0].lower()
    choices = []
    for path in found:
        try:
            facts = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
            spoken = facts.get("language", {})
            code = str(spoken.get("code") or facts["espeak"]["voice"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if code.replace("_", "-").split("-")[0].lower() != base:
            continue
        place = spoken.get("country_english")
        described = [
            f"{spoken.get('name_english', code)}" + (f" ({place})" if place else ""),
            str(facts.get("dataset", path.stem)),
            str(facts.get("audio", {}).get("quality", "")),
            f"{facts.get('audio', {}).get('sample_rate', '?')} Hz",
        ]
        value = os.path.relpath(path)
        choices.append(
            VoiceChoice("piper", "piper_model", value, ", ".join(d for d in described if d))
        )
    return choices


CHOICES = {
    "edge": edge_choices,
    "gtts": google_choices,
    "espeak": espeak_choices,
    "piper": piper_choices,
}


def voice_choices(
    language: str,
    engines: tuple[str, ...] = tuple(CHOICES),
    timeout_s: float = 10.0,
    piper_model: str = "",
) -> tuple[list[VoiceChoice], list[str]]:
    """The voices of ``engines`` for ``language``, and a line for each engine that could not say."""
    choices: list[VoiceChoice] = []
    problems = []
    for engine in engines:
        try:
            if engine == "edge":
                found = edge_choices(language, timeout_s)
            elif engine == "piper":
                found = piper_choices(language, piper_model)
            else:
                found = CHOICES[engine](language)
        except SpeechError as error:
            problems.append(f"{engine}: {error}")
            continue
        if not found:
            problems.append(f"{engine}: no voice for the language {language!r}")
        choices += found
    return choices, problems
