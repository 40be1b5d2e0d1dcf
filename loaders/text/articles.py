"""Read a curated article: Markdown (or plain text) with optional YAML front matter.

Offsets of sentences are offsets into the file's text exactly as read, front matter included,
so ``text[start:end]`` of the file is the evidence sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from spinekg.kernel.errors import CuratedDataError, Problem

__all__ = ["REQUIRED_KEYS", "Article", "read_article"]

#: Front-matter keys a curated article must have (a preview of any file needs none).
REQUIRED_KEYS = ("id", "title", "source", "author", "reviewed", "license")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Article:
    """An article: its metadata, the whole text, and where the body starts in it."""

    path: Path
    id: str
    title: str
    source: str
    meta: dict[str, str]
    text: str
    body_start: int

    @property
    def body(self) -> str:
        """The text after the front matter."""
        return self.text[self.body_start :]


def read_article(path: Path, *, curated: bool = True) -> Article:
    """Read an article file.

    :param curated: require the front matter of a curated article (``REQUIRED_KEYS``); a
        preview of any Markdown or text file needs none and takes its id from the file name.
    :raises CuratedDataError: one clear problem naming the file (empty, binary, not UTF-8,
        malformed or incomplete front matter).
    """

    def fail(line: int, message: str) -> CuratedDataError:
        return CuratedDataError([Problem(path, line, 1, message)])

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(0, f"cannot read the file: {exc.strerror}") from None
    if b"\x00" in data:
        raise fail(1, "a binary file, not an article; expected Markdown or plain text")
    try:
        text = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CuratedDataError(
            [Problem(path, line, 1, "not valid UTF-8 text; save the article as UTF-8")]
        ) from None
    if not text.strip():
        raise fail(1, "empty article")
    match = _FRONT.match(text)
    meta: dict[str, str] = {}
    body_start = 0
    if match:
        try:
            loaded = frontmatter.loads(match.group(0) + "\n").metadata
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = (mark.line + 1) if mark is not None else 1
            what = getattr(exc, "problem", None) or _first_line(exc)
            raise fail(line, f"malformed front matter (YAML): {what}") from None
        meta = {str(k): str(v) for k, v in loaded.items()}
        body_start = match.end()
    elif text.startswith("---"):
        raise fail(1, "front matter opened with '---' but never closed by a '---' line")
    if curated:
        missing = [k for k in REQUIRED_KEYS if not meta.get(k)]
        if missing:
            raise fail(
                1, f"front matter lacks {', '.join(missing)}; expected {', '.join(REQUIRED_KEYS)}"
            )
    article_id = meta.get("id") or re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")
    if not _ID.match(article_id):
        raise fail(2, f"id {article_id!r} is not a lowercase slug such as foot-drop")
    if curated and article_id != path.stem:
        raise fail(2, f"id {article_id!r} differs from the file name {path.stem!r}")
    return Article(
        path=path,
        id=article_id,
        title=meta.get("title", path.stem),
        source=meta.get("source", ""),
        meta=meta,
        text=text,
        body_start=body_start,
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]
