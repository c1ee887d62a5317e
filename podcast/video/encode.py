"""MP4 out: H.264 frames held until the next, the episode's MP3 as AAC, the index first.

PyAV (FFmpeg's libraries, with libx264, from its wheel) encodes in this process:
each frame gets its exact time in milliseconds, so the video has only as many
frames as the picture has changes, and a caption shows at its cue's millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image

from podcast.errors import VideoError

MS = Fraction(1, 1000)
VIDEO_OPTIONS = {"preset": "veryfast", "tune": "stillimage", "crf": "24"}
"""x264 for pictures that rarely change: few bits for the frames that repeat."""
AUDIO_BITRATE = 128_000
BT709 = 1
MPEG_RANGE = 1
"""HD video's colours (ITU-R BT.709, limited range), stated in the stream as YouTube and
browsers read them: an untagged stream leaves each player to guess."""
KEYFRAME_MS = 30_000
"""A keyframe at least this often, so a player seeks without decoding far back (x264 counts
its keyframe interval in frames, and these frames last from milliseconds to minutes)."""


def write_mp4(
    path: Path, mp3: Path, pictures: Iterable[tuple[int, Image.Image]], end_ms: int, tag: str
) -> None:
    """Encode ``pictures`` (each from its start in ms until the next, the last until ``end_ms``)
    with the audio of ``mp3`` into the MP4 ``path``; ``tag`` goes into its comment."""
    try:
        source = av.open(str(mp3))
    except (av.FFmpegError, OSError) as error:
        raise VideoError(f"{mp3}: cannot be read as audio ({error})") from None
    try:
        output = av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"})
        try:
            output.metadata["comment"] = tag
            _encode(output, source, pictures, end_ms)
        finally:
            output.close()
    except av.FFmpegError as error:
        raise VideoError(f"{path}: cannot be encoded ({error})") from None
    finally:
        source.close()


def _encode(
    output: Any, source: Any, pictures: Iterable[tuple[int, Image.Image]], end_ms: int
) -> None:
    video = None
    heard = source.streams.audio[0]
    sound = output.add_stream("aac", rate=heard.rate)
    sound.bit_rate = AUDIO_BITRATE
    sound.options = {"aac_coder": "fast"}  # twice as fast as the default, alike for speech
    sound.layout = heard.layout.name
    samples = _audio(source, heard.rate, heard.layout.name)
    pending: list[Any] = []
    last: tuple[int, Image.Image] | None = None
    key_ms: int | None = None
    for start_ms, picture in pictures:
        if video is None:
            video = output.add_stream("libx264", rate=None)
            video.width, video.height, video.pix_fmt = picture.width, picture.height, "yuv420p"
            video.time_base = video.codec_context.time_base = MS
            video.codec_context.gop_size = 1 << 30
            context = video.codec_context
            context.colorspace = context.color_primaries = context.color_trc = BT709
            context.color_range = MPEG_RANGE
            video.options = {**VIDEO_OPTIONS, "keyint": "infinite", "forced-idr": "1"}
        _audio_until(output, sound, samples, start_ms, pending)
        key = key_ms is None or start_ms - key_ms >= KEYFRAME_MS
        key_ms = start_ms if key else key_ms
        _video(output, video, picture, start_ms, key)
        last = (start_ms, picture)
    if video is None or last is None:
        raise VideoError("nothing to show")
    if end_ms - 1 > last[0]:
        _video(output, video, last[1], end_ms - 1, key=False)  # holds the last picture to the end
    _audio_until(output, sound, samples, None, pending)
    for packet in video.encode():
        output.mux(packet)
    for packet in sound.encode():
        output.mux(packet)


def _video(output: Any, video: Any, picture: Image.Image, start_ms: int, key: bool) -> None:
    frame = av.VideoFrame.from_image(picture).reformat(  # type: ignore[no-untyped-call]
        format="yuv420p",
        interpolation="POINT",  # no scaling: only the colours change, and this is the fastest
        dst_colorspace="ITU709",
        dst_color_range="MPEG",
        dst_color_trc=BT709,
        dst_color_primaries=BT709,
    )
    frame.pts, frame.time_base = start_ms, MS
    frame.pict_type = av.video.frame.PictureType.I if key else av.video.frame.PictureType.NONE
    for packet in video.encode(frame):
        output.mux(packet)


def _audio(source: Any, rate: int, layout: str) -> Iterator[Any]:
    """The MP3's audio as the AAC encoder takes it, frame by frame."""
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
    for frame in source.decode(audio=0):
        yield from resampler.resample(frame)
    yield from resampler.resample(None)


def _audio_until(
    output: Any, sound: Any, samples: Iterator[Any], until_ms: int | None, pending: list[Any]
) -> None:
    """Encode the audio up to ``until_ms`` (None: all of it), so both streams go in together."""
    while True:
        frame = pending.pop() if pending else next(samples, None)
        if frame is None:
            return
        if until_ms is not None and frame.time is not None and frame.time * 1000 > until_ms:
            pending.append(frame)
            return
        for packet in sound.encode(frame):
            output.mux(packet)
