"""Turn written Indonesian into the words a voice should say."""


def speakable(text: str) -> str:
    """Return the spoken form of one paragraph."""
    return " ".join(text.split())
