"""The commented podcast.toml that `podcast init` writes."""

from __future__ import annotations

from pathlib import Path

from podcast.errors import ConfigError

TEMPLATE = """\
# The podcast's settings. Every setting is optional: delete a line to use its default.

[show]
title = "Kabar Indonesia"
description = "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
author = "Kabar Indonesia"             # shown as the artist in podcast apps
owner_name = "Kabar Indonesia"         # Apple writes to the owner about the feed
owner_email = "podcast@example.com"
language = "id"                        # a language code: id, en, en-US, ...
category = "News"                      # one of Apple Podcasts' categories
subcategory = "Daily News"             # one of that category's subcategories, or ""
explicit = false                       # true when episodes hold explicit content
locked = false                         # true forbids other platforms to import the feed
base_url = "http://127.0.0.1:8000/"    # the public URL of audio/, where the feed lives
link = "http://127.0.0.1:8000/"        # the show's web site
copyright = ""
image = ""                             # cover image, relative to this folder: a square
                                       # JPEG or PNG, RGB, 1400 to 3000 px; drawn if empty
timezone = "Asia/Jakarta"              # the zone of the episodes' publication dates
keep_episodes = 0                      # articles' episodes kept, the newest; 0: all
keep_editions = 0                      # daily editions kept, the newest; 0: all
keep_days = 0                          # episodes older than this many days expire; 0: none
feed_items = 100                       # items a feed lists at most, the newest
page_episodes = 30                     # episodes on the show's page and each archive page

[speech]
google_url = ""     # another endpoint speaking Google Translate's TTS protocol
tld = "com"         # translate.google.<tld>; "com" or "co.id"
timeout_s = 10.0    # seconds to wait for Google before giving up on a request
concurrency = 4     # requests to Google at a time (fewer when Google asks to slow down)
tries = 0           # tries per chunk at most; 0: no limit, give up on Google as a whole:
give_up_s = 60.0    #   when it gives no good answer for this many seconds,
failure_window = 40 #   when more than failure_share of its last failure_window
failure_share = 0.9 #   answers failed,
max_wait_s = 300.0  #   or after this many seconds per build waiting with nothing in flight
max_pause_s = 30.0  # longest Retry-After pause honoured; every request waits it out
backoff_s = 1.0     # first wait before a retry; it doubles with each try, plus jitter
order = []          # engines auto tries, best first, e.g. ["edge", "gtts", "espeak"];
                    # empty: Google, then eSpeak NG
edge_voice = "id-ID-GadisNeural"   # or "id-ID-ArdiNeural"; see podcast voices
edge_rate = "+0%"   # Edge's speed, e.g. "+10%" or "-5%"
edge_pitch = "+0Hz" # Edge's pitch, e.g. "-10Hz"
espeak_variant = "" # an eSpeak NG variant such as "f1"; see podcast voices
pronunciations = "pronunciations.tsv"  # how to say words: written form, tab, said form
default_pronunciations = true          # also the built-in list of English words and names
piper_model = ""    # a Piper voice's .onnx file (its .onnx.json beside it), e.g.
                    # "voices/id_ID-news_tts-medium.onnx"; see the README
piper_speed = 1.0   # the Piper voice's speed: 1.2 is a fifth faster

[pacing]            # silence in milliseconds between the spoken parts
lead_ms = 400                 # before the intro
after_title_ms = 1200
between_paragraphs_ms = 700
around_quote_ms = 1000        # before and after a paragraph opening with a quotation
between_sections_ms = 1400    # after the intro and before the outro
tail_ms = 1000                # after the outro
edge_silence_ms = 40          # silence each clip keeps at its ends once trimmed

[music]             # optional music under the intro and the outro
intro = ""                    # an audio file, relative to this folder
outro = ""
duck_db = -18.0               # the music's level under speech, relative to alone
lead_ms = 3000                # music alone before the intro speech
tail_ms = 4000                # music after the outro speech, fading out

[audio]             # how episodes are encoded
preset = "speech"             # MP3 64 kbit/s 44.1 kHz; "compact": 48 kbit/s 24 kHz;
                              # "music": 128 kbit/s 44.1 kHz (for shows with music)
mp3_kbps = 0                  # 0: the preset's
sample_rate = 0               # 0: the preset's; else 44100, 48000, 22050 or 24000
low_data = "opus"             # a low-data edition beside each MP3; "none": no edition
low_data_kbps = 16            # its target bitrate in kbit/s

[publish]           # podcast publish: upload audio/ to S3-compatible object storage
target = ""                   # s3://bucket/prefix; set [show] base_url to its public URL
endpoint_url = ""             # another S3-compatible service; empty: Amazon S3
region = ""                   # empty: from AWS_REGION or the profile
profile = ""                  # a profile of ~/.aws/credentials; keys never go in this file

[edition]           # the daily edition: the day's articles as one episode (podcast edition)
auto = false                  # true: podcast build also keeps today's edition up to date
order = "added"               # "added": in the order the articles came; "newest": newest first
max_stories = 10
max_minutes = 30              # about how long an edition may be; 0: no limit
between_stories_ms = 2000     # silence before each story and before the close
separate_feed = false         # true: editions go into audio/edition.xml, not audio/feed.xml

[video]             # episodes as videos for YouTube (podcast video)
auto = false                  # true: podcast build also makes every episode's video
size = "1280x720"             # or "1920x1080", or "1080x1920" (upright, for Shorts and Reels)
font = ""                     # a font file for scripts Noto Sans lacks, e.g. Thai or Arabic

[fetch]             # how podcast add and podcast fetch read the web
interval_min = 30.0           # podcast serve --watch fetches the sources this often
delay_s = 1.0                 # seconds between two requests to the same site
timeout_s = 10.0              # seconds to connect, and to wait for more of an answer
deadline_s = 30.0             # seconds for the whole download of one page
max_mb = 20.0                 # the largest page downloaded

# Outlets to follow: podcast fetch adds the new items of each RSS or Atom feed.
# [[sources]]
# url = "https://www.example.com/rss"
# limit = 5                   # new articles taken per fetch
# include = ["banjir"]        # only titles holding one of these words (optional)
# exclude = ["video"]         # never titles holding one of these words (optional)
"""


def write_config(path: Path) -> Path:
    """Write a commented podcast.toml holding the defaults at ``path``; never overwrite."""
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(TEMPLATE)
    except FileExistsError:
        raise ConfigError(f"{path} already exists; edit it, or remove it to start over") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be written ({error.strerror})") from None
    return path
