"""The show's settings as records: defaults that suit the seed, overridden by podcast.toml."""

from __future__ import annotations

from dataclasses import dataclass

from podcast.config.renditions import DEFAULT_AUDIO, DEFAULT_VIDEO, Audio, Video


@dataclass(frozen=True)
class Show:
    """What a podcast app shows about the whole podcast."""

    title: str = "Kabar Indonesia"
    """The show's name, in podcast apps and on its page; not empty."""
    description: str = "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    """What the show is about; not empty."""
    author: str = "Kabar Indonesia"
    """Shown as the artist in podcast apps; not empty."""
    owner_name: str = "Kabar Indonesia"
    """Whom Apple writes to about the feed; not empty."""
    owner_email: str = "podcast@example.com"
    """The owner's e-mail address, like name@example.com; also the owner of ``podcast:locked``."""
    language: str = "id"
    """A language code such as ``id``, ``en`` or ``en-US``."""
    category: str = "News"
    """One of Apple Podcasts' categories (``podcast/config/categories.py``)."""
    subcategory: str = "Daily News"
    """One of that category's subcategories, or empty."""
    explicit: bool = False
    """Whether episodes hold explicit content."""
    locked: bool = False
    """Whether other platforms are asked not to import the feed (``podcast:locked``)."""
    base_url: str = "http://127.0.0.1:8000/"
    """The public ``http://`` or ``https://`` URL where audio/ is published (``/`` is added)."""
    link: str = "http://127.0.0.1:8000/"
    """The show's web site, an ``http://`` or ``https://`` URL."""
    copyright: str = ""
    """The copyright line; may be empty."""
    image: str = ""
    """The cover, relative to the folder of podcast.toml.

    A square JPEG or PNG, RGB, 1400 to 3000 px, published as ``audio/cover.jpg`` or
    ``audio/cover.png``; empty: a cover is drawn from the title.
    """
    timezone: str = "Asia/Jakarta"
    """A time zone name such as ``Asia/Jakarta``, for the publication dates."""
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
    """Another endpoint speaking Google Translate's TTS protocol; empty: Google's own."""
    tld: str = "com"
    """Google's domain, ``translate.google.<tld>``: ``com`` or ``co.id``."""
    timeout_s: float = 10.0
    """Seconds to wait for one answer from a voice on the network."""
    concurrency: int = 4
    """Requests to Google at a time at most (fewer when Google asks to slow down)."""
    tries: int = 0
    """Per chunk at most; 0: no limit, only the rules below give up on the voice."""
    backoff_s: float = 1.0
    """The first wait before a retry; it doubles with each try, plus jitter."""
    give_up_s: float = 60.0
    """No good answer for this long: the voice is down."""
    failure_window: int = 40
    """How many of the last requests ``failure_share`` looks at."""
    failure_share: float = 0.9
    """More than this share of the last ``failure_window`` requests failed: the voice is failing."""
    max_wait_s: float = 300.0
    """Per build, at most this long with nothing in flight, waiting to retry."""
    max_pause_s: float = 30.0
    """The longest ``Retry-After`` pause the voice's answers can ask for."""
    order: tuple[str, ...] = ()
    """The engines ``auto`` tries, best first; empty: Google, then eSpeak NG."""
    edge_voice: str = "id-ID-GadisNeural"
    """Edge's voice, e.g. ``id-ID-ArdiNeural`` (see podcast voices)."""
    edge_rate: str = "+0%"
    """Edge's speed, e.g. ``+10%`` or ``-5%``."""
    edge_pitch: str = "+0Hz"
    """Edge's pitch, e.g. ``-10Hz``."""
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
    """After the title."""
    between_paragraphs_ms: int = 700
    """Between two paragraphs."""
    around_quote_ms: int = 1000
    """Before and after a paragraph that opens with a quotation mark."""
    between_sections_ms: int = 1400
    """After the intro and before the outro."""
    tail_ms: int = 1000
    """After the outro (without outro music)."""
    edge_silence_ms: int = 40
    """The silence each clip keeps at both of its ends once its own silence is trimmed."""


@dataclass(frozen=True)
class Music:
    """Optional music under the intro and the outro, ducked under the speech.

    ``intro`` and ``outro`` are audio files, relative to the project folder.
    """

    intro: str = ""
    """An audio file that plays alone, then ducks under the intro; empty: none."""
    outro: str = ""
    """An audio file that comes in under the outro, then rises and fades out; empty: none."""
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
    """Stories in an edition at most: 1 to 254 (an MP3 holds 255 chapters; one is the opening)."""
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

    @property
    def max_bytes(self) -> int:
        """``max_mb`` in bytes."""
        return int(self.max_mb * 1_000_000)


@dataclass(frozen=True)
class Source:
    """An outlet's RSS or Atom feed to follow: new items become episodes."""

    url: str = ""
    """The ``http://`` or ``https://`` URL of an RSS 2.0 or Atom feed."""
    limit: int = 5
    """New articles taken per fetch; the older new ones are left out."""
    include: tuple[str, ...] = ()
    """Words of which a title must hold one (empty: every title)."""
    exclude: tuple[str, ...] = ()
    """Words no title may hold."""


@dataclass(frozen=True)
class Topic:
    """A feed and page of their own for the episodes a ``[[feeds]]`` table selects.

    An episode is in it when its outlet is one of ``outlets``, its source URL is on one of
    ``sites`` (or below them), or its title or summary holds one of ``words``.
    """

    name: str = ""
    """Its files: ``audio/<name>.xml`` and ``audio/<name>.html``."""
    title: str = ""
    """The feed's title, as podcast apps show it; not empty."""
    description: str = ""
    """What the feed is about; empty: the show's."""
    image: str = ""
    """Its cover, relative to podcast.toml; empty: the show's."""
    outlets: tuple[str, ...] = ()
    """Outlets whose episodes it takes, as the articles name them (e.g. ``Kompas.com``)."""
    sites: tuple[str, ...] = ()
    """Sites whose articles it takes, by host, their subdomains too (e.g. ``detik.com``)."""
    words: tuple[str, ...] = ()
    """Words of which an episode's title or summary must hold one (whole words, any case)."""


NO_MUSIC = Music()
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
    audio: Audio = DEFAULT_AUDIO
    video: Video = DEFAULT_VIDEO
    sources: tuple[Source, ...] = ()
    feeds: tuple[Topic, ...] = ()
