"""The show's settings as records: defaults that suit the seed, overridden by podcast.toml."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Show:
    """What a podcast app shows about the whole podcast."""

    title: str = "Kabar Indonesia"
    description: str = "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    author: str = "Kabar Indonesia"
    owner_name: str = "Kabar Indonesia"
    owner_email: str = "podcast@example.com"
    language: str = "id"
    category: str = "News"
    subcategory: str = "Daily News"
    explicit: bool = False
    locked: bool = False
    base_url: str = "http://127.0.0.1:8000/"
    link: str = "http://127.0.0.1:8000/"
    copyright: str = ""
    image: str = ""
    timezone: str = "Asia/Jakarta"
    keep_episodes: int = 0
    """Articles' episodes kept, the newest; older ones expire. 0: every one."""
    keep_editions: int = 0
    """Daily editions kept, the newest, counted apart from the articles. 0: every one."""
    keep_days: int = 0
    """Episodes older than this many days expire (editions too). 0: none for its age."""
    feed_items: int = 100
    """Items a feed lists at most, the newest; older episodes stay on the web pages."""
    page_episodes: int = 30
    """Episodes on the show's page and on each of its archive pages at most."""

    def url(self, name: str) -> str:
        """The public URL of a file published as ``name``."""
        return self.base_url.rstrip("/") + "/" + name


@dataclass(frozen=True)
class Speech:
    """Where the voices come from."""

    google_url: str = ""
    tld: str = "com"
    timeout_s: float = 10.0
    concurrency: int = 4
    tries: int = 0
    """Per chunk at most; 0: no limit, only the rules below give up on the voice."""
    backoff_s: float = 1.0
    give_up_s: float = 60.0
    """No good answer for this long: the voice is down."""
    failure_window: int = 40
    failure_share: float = 0.9
    """More than this share of the last ``failure_window`` requests failed: the voice is failing."""
    max_wait_s: float = 300.0
    """Per build, at most this long with nothing in flight, waiting to retry."""
    max_pause_s: float = 30.0
    """The longest ``Retry-After`` pause the voice's answers can ask for."""
    order: tuple[str, ...] = ()
    """The engines ``auto`` tries, best first; empty: Google, then eSpeak NG."""
    edge_voice: str = "id-ID-GadisNeural"
    edge_rate: str = "+0%"
    edge_pitch: str = "+0Hz"
    espeak_variant: str = ""
    """One of eSpeak NG's voice variants (see podcast voices); empty: its plain voice."""
    pronunciations: str = "pronunciations.tsv"
    """The project's pronunciation list, relative to podcast.toml; empty: none."""
    default_pronunciations: bool = True
    """Whether the built-in list of English words and foreign names applies too."""
    piper_model: str = ""
    """A Piper voice's ``.onnx`` file, relative to the project (its ``.onnx.json`` beside it)."""
    piper_speed: float = 1.0
    """How fast the Piper voice speaks: 1.0 as trained, 1.2 a fifth faster."""


@dataclass(frozen=True)
class Pacing:
    """Silence in milliseconds around the spoken parts of an episode.

    The parts are the intro, the title, each paragraph and the outro; each
    pause sits between two parts. ``edge_silence_ms`` is the silence every
    clip keeps at both of its ends once its own silence is trimmed, so the
    quiet a listener hears between two parts is the pause plus twice that.
    """

    lead_ms: int = 400
    """Before the intro (without intro music)."""
    after_title_ms: int = 1200
    between_paragraphs_ms: int = 700
    around_quote_ms: int = 1000
    """Before and after a paragraph that opens with a quotation mark."""
    between_sections_ms: int = 1400
    """After the intro and before the outro."""
    tail_ms: int = 1000
    """After the outro (without outro music)."""
    edge_silence_ms: int = 40


@dataclass(frozen=True)
class Music:
    """Optional music under the intro and the outro, ducked under the speech.

    ``intro`` and ``outro`` are audio files, relative to the project folder.
    """

    intro: str = ""
    outro: str = ""
    duck_db: float = -18.0
    """The music's level under speech, relative to its level alone."""
    lead_ms: int = 3000
    """Music alone before the intro speech."""
    tail_ms: int = 4000
    """Music after the outro speech, fading out."""


@dataclass(frozen=True)
class Publish:
    """Where `podcast publish` uploads audio/: S3-compatible object storage.

    Credentials never live here: they come from the environment, the shared
    credentials file or ``profile``, as for every S3 tool.
    """

    target: str = ""
    """``s3://bucket`` or ``s3://bucket/prefix``."""
    endpoint_url: str = ""
    """Another S3-compatible service; empty means Amazon S3."""
    region: str = ""
    """Empty: the region of the environment or the profile."""
    profile: str = ""
    """A profile of the shared credentials file; empty: the default one."""


@dataclass(frozen=True)
class Edition:
    """The daily edition: the day's articles as one episode, a chapter per story."""

    auto: bool = False
    """Whether ``podcast build`` also keeps today's edition up to date."""
    order: str = "added"
    """``added``: in the order the articles were added; ``newest``: the last added first."""
    max_stories: int = 10
    max_minutes: int = 30
    """About how long an edition may be; 0: no limit."""
    between_stories_ms: int = 2000
    """Silence before each story and before the close."""
    separate_feed: bool = False
    """Whether editions go into ``audio/edition.xml`` instead of ``audio/feed.xml``."""


EDITION_ORDERS = ("added", "newest")
MAX_STORIES = 254


@dataclass(frozen=True)
class Fetch:
    """How pages and feeds are fetched from the web."""

    interval_min: float = 30.0
    """How often ``podcast serve --watch`` fetches the sources."""
    delay_s: float = 1.0
    """Between two requests to the same host."""
    timeout_s: float = 10.0
    """To connect, and between two parts of an answer."""
    deadline_s: float = 30.0
    """For the whole download of one page."""
    max_mb: float = 20.0
    """The largest page downloaded."""
    private_addresses: bool = False
    """Whether pages sent to ``podcast serve``'s editor page may be on private addresses."""


@dataclass(frozen=True)
class Source:
    """An outlet's RSS or Atom feed to follow: new items become episodes."""

    url: str = ""
    limit: int = 5
    """New articles taken per fetch; the older new ones are left out."""
    include: tuple[str, ...] = ()
    """Words of which a title must hold one (empty: every title)."""
    exclude: tuple[str, ...] = ()
    """Words no title may hold."""


@dataclass(frozen=True)
class Audio:
    """How episodes are encoded: the MP3 every app plays, and its low-data edition.

    ``preset`` names a row of ``AUDIO_PRESETS`` (the MP3's bitrate and sample
    rate); ``mp3_kbps`` and ``sample_rate`` override it when not 0.
    """

    preset: str = "speech"
    mp3_kbps: int = 0
    sample_rate: int = 0
    low_data: str = "opus"
    """The low-data edition's format: ``opus`` (Opus in Ogg), or ``none``."""
    low_data_kbps: int = 16
    """The low-data edition's target bitrate (variable: speech pauses cost less)."""

    def mp3(self) -> tuple[int, int]:
        """The MP3's bitrate in kbit/s and sample rate in Hz."""
        kbps, rate = AUDIO_PRESETS[self.preset]
        return self.mp3_kbps or kbps, self.sample_rate or rate


AUDIO_PRESETS = {"speech": (64, 44100), "compact": (48, 24000), "music": (128, 44100)}
"""Each preset's MP3 bitrate (kbit/s) and sample rate (Hz); the README says how they sound."""
LOW_DATA_FORMATS = ("opus", "none")


@dataclass(frozen=True)
class Video:
    """Episodes as videos for YouTube: the cover, the words on screen, chapters."""

    auto: bool = False
    """Whether ``podcast build`` also makes (or brings up to date) every episode's video."""
    size: str = "1280x720"
    """One of ``VIDEO_SIZES``; ``1080x1920`` is upright, for Shorts, Reels and Status."""
    font: str = ""
    """A font file, relative to the project, for the scripts Noto Sans lacks."""


VIDEO_SIZES = ("1280x720", "1920x1080", "1080x1920")


@dataclass(frozen=True)
class Topic:
    """A feed and page of their own for the episodes a ``[[feeds]]`` table selects.

    An episode is in it when its outlet is one of ``outlets``, its source URL is on one of
    ``sites`` (or below them), or its title or summary holds one of ``words``.
    """

    name: str = ""
    """Its files: ``audio/<name>.xml`` and ``audio/<name>.html``."""
    title: str = ""
    description: str = ""
    """Empty: the show's."""
    image: str = ""
    """Its cover, relative to podcast.toml; empty: the show's."""
    outlets: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


NO_MUSIC = Music()
DEFAULT_AUDIO = Audio()
DEFAULT_PACING = Pacing()


@dataclass(frozen=True)
class Settings:
    """Everything podcast.toml can set."""

    show: Show = Show()
    speech: Speech = Speech()
    pacing: Pacing = Pacing()
    music: Music = Music()
    publish: Publish = Publish()
    edition: Edition = Edition()
    fetch: Fetch = Fetch()
    audio: Audio = Audio()
    video: Video = Video()
    sources: tuple[Source, ...] = ()
    feeds: tuple[Topic, ...] = ()
