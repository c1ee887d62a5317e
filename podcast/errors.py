"""One error hierarchy: every failure the library reports derives from PodcastError."""


class PodcastError(Exception):
    """Base of every error the library raises on purpose."""


class ArticleError(PodcastError, ValueError):
    """An input article cannot be read or holds no article text."""


class ConfigError(PodcastError, ValueError):
    """podcast.toml holds a value the tool cannot use."""


class SpeechError(PodcastError, RuntimeError):
    """A speech engine could not produce audio."""


class AudioError(PodcastError, RuntimeError):
    """ffmpeg could not decode, encode or measure audio."""


class OutputError(PodcastError, OSError):
    """Output could not be written: the audio folder, the catalog or the project state."""


class UploadError(PodcastError, OSError):
    """The bucket cannot be reached, read or written."""


class WebError(PodcastError, OSError):
    """A web page or feed could not be fetched, or holds no article or no feed."""


class EditionError(PodcastError, ValueError):
    """A daily edition cannot be made: no articles for its day."""


class PronunciationError(PodcastError, ValueError):
    """A pronunciation list holds an entry the tool cannot use."""


class VideoError(PodcastError, RuntimeError):
    """An episode's video cannot be made: its audio or cover is missing or cannot be encoded."""
