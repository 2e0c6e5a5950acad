"""Which links article text may carry, and who publishes a URL."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
KNOWN_PUBLISHERS: dict[str, str] = {
    "themoscowtimes.com": "The Moscow Times",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "afp.com": "Agence France-Presse",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "ft.com": "Financial Times",
    "wsj.com": "The Wall Street Journal",
    "bloomberg.com": "Bloomberg",
    "aljazeera.com": "Al Jazeera",
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "kyivindependent.com": "The Kyiv Independent",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "nknews.org": "NK News",
    "tass.com": "TASS",
    "cnn.com": "CNN",
    "npr.org": "NPR",
    "economist.com": "The Economist",
    "politico.eu": "Politico Europe",
    "politico.com": "Politico",
}


def safe_url(url: str | None) -> str | None:
    """The URL if a reader may follow it; None for placeholders ('#', '') and unsafe schemes.

    Only absolute http(s) and mailto links survive: `javascript:`, `data:`, `vbscript:` and
    friends are dropped, and so are scheme-less tricks such as '//evil' or 'java\\tscript:'.
    """
    if url is None:
        return None
    url = url.strip()
    if not url or url.startswith("#") or any(ord(char) < 32 or char in ' <>"' for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def publisher_for(url: str) -> str:
    """A readable publisher name for the URL's host, else the bare host."""
    host = host_of(url)
    for known, name in KNOWN_PUBLISHERS.items():
        if host == known or host.endswith("." + known):
            return name
    return host


def archive_url(url: str) -> str:
    """The Wayback Machine address that shows the latest archived copy of `url`."""
    return f"https://web.archive.org/web/{url}"
