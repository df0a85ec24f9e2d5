"""Finding http(s) URLs in mail text.

The store (to list URLs) and the web page (to make them clickable) share this
module so that both agree on exactly where a URL starts and ends.
"""

import re
from collections.abc import Iterator

# Only RFC 3986 characters: Japanese mails often glue text straight onto a URL
# ("https://example.jp/xをクリック"), so a non-ASCII character must end it.
_URL_PATTERN = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")

# Sentence punctuation right after a URL is almost never part of it.
_TRAILING_PUNCTUATION = ".,;:!?'"
_OPENING_BRACKET = {")": "(", "]": "["}


def _ends_in_punctuation(url: str) -> bool:
    last = url[-1]
    if last in _TRAILING_PUNCTUATION:
        return True
    # A closing bracket belongs to the URL only when the URL opened it,
    # as in "(see https://example.jp/a)" versus "https://example.jp/wiki/A_(B)".
    opening = _OPENING_BRACKET.get(last)
    return opening is not None and url.count(opening) < url.count(last)


def _trim(url: str) -> str:
    while url and _ends_in_punctuation(url):
        url = url[:-1]
    return url


def iter_url_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of each URL in ``text``, in order."""
    for match in _URL_PATTERN.finditer(text):
        url = _trim(match.group())
        if url.partition("://")[2]:  # a bare scheme is not a link
            yield match.start(), match.start() + len(url)


def find_urls(text: str) -> list[str]:
    """Distinct URLs in ``text`` in order of first appearance."""
    urls = (text[start:end] for start, end in iter_url_spans(text))
    return list(dict.fromkeys(urls))
