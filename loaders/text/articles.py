"""Read a curated article: Markdown (or plain text) with optional YAML front matter.

Offsets of sentences are offsets into the file's text exactly as read, front matter included,
so ``text[start:end]`` of the file is the evidence sentence.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

from spinekg.kernel.errors import CuratedDataError, Problem, first_line

__all__ = ["MAX_ARTICLE_BYTES", "REQUIRED_KEYS", "Article", "read_article"]

#: The largest article read by default (a long clinical review is about 200 kB).
MAX_ARTICLE_BYTES = 2_000_000
#: The largest front matter: a few keys and values, never a document of its own.
MAX_FRONT_MATTER_CHARS = 16_384

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


def read_article(
    path: Path, *, curated: bool = True, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article:
    """Read an article file.

    :param curated: require the front matter of a curated article (``REQUIRED_KEYS``); a
        preview of any Markdown or text file needs none and takes its id from the file name.
    :param max_bytes: the largest file read.
    :raises CuratedDataError: one clear problem naming the file (not a regular file, too
        large, empty, binary, not UTF-8, malformed or incomplete front matter).
    """

    def fail(line: int, message: str) -> CuratedDataError:
        return CuratedDataError([Problem(path, line, 1, message)])

    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a pipe, device or socket"
            raise fail(0, f"{kind}, not a file; expected a Markdown or text file")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise fail(0, f"cannot read the file: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise fail(0, f"larger than {max_bytes:,} bytes, the most an article may be")
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
        if len(match.group(0)) > MAX_FRONT_MATTER_CHARS:
            raise fail(1, f"front matter over {MAX_FRONT_MATTER_CHARS:,} characters")
        front = match.group(0).strip().removeprefix("---").removesuffix("---")
        import yaml  # only for a page with front matter: it takes a while to import

        try:
            for event in yaml.parse(front, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.AliasEvent):  # a few nested aliases expand endlessly
                    line = event.start_mark.line + 1 if event.start_mark else 1
                    raise fail(line, "front matter uses a YAML alias (*name); write the value")
            loaded = yaml.safe_load(front) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = (mark.line + 1) if mark is not None else 1
            what = getattr(exc, "problem", None) or first_line(exc)
            raise fail(line, f"malformed front matter (YAML): {what}") from None
        if not isinstance(loaded, dict):
            raise fail(2, "front matter is not a list of 'key: value' lines")
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
