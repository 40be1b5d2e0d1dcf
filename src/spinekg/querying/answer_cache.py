"""Answers the endpoint already gave, kept while the release they came from is served.

A release never changes while it is served (a new build replaces the file, and the endpoint
then reloads its workers and empties this cache), so the same request (query text, accepted
media types and dataset) has the same answer: the endpoint sends it again without a worker.
Clinicians' tools ask the catalog's questions over and over; a cached answer costs the HTTP
front only (measured in ``benchmarks/results/endpoint.md``). Only successful answers are
kept, the least recently used first out once ``max_bytes`` of bodies are held, and an answer
larger than an eighth of that is never kept.
"""

from __future__ import annotations

from collections import OrderedDict

from spinekg.querying.workers import Reply, Request

__all__ = ["AnswerCache"]


class AnswerCache:
    """Successful replies by request, at most ``max_bytes`` of bodies (0 keeps none).

    >>> cache = AnswerCache(max_bytes=64)
    >>> ask = Request("ASK {}")
    >>> cache.put(ask, Reply(200, "text/plain", b"yes"))
    >>> cache.get(ask).body, cache.get(Request("ASK { ?s ?p ?o }"))
    (b'yes', None)
    >>> cache.put(Request("SELECT 1"), Reply(200, "text/plain", b"x" * 9))  # over 64 // 8 bytes
    >>> len(cache)
    1
    """

    def __init__(self, max_bytes: int) -> None:
        """Keep at most ``max_bytes`` of answer bodies."""
        self.max_bytes = max_bytes
        self._replies: OrderedDict[Request, Reply] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        """How many answers are kept."""
        return len(self._replies)

    def get(self, request: Request) -> Reply | None:
        """The answer given before to the same request, if it is kept."""
        reply = self._replies.get(request)
        if reply is not None:
            self._replies.move_to_end(request)
        return reply

    def put(self, request: Request, reply: Reply) -> None:
        """Keep a successful answer, dropping the least recently used ones over the budget."""
        if reply.status != 200 or len(reply.body) > self.max_bytes // 8:
            return
        previous = self._replies.pop(request, None)
        if previous is not None:
            self._bytes -= len(previous.body)
        self._replies[request] = reply
        self._bytes += len(reply.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._replies.popitem(last=False)
            self._bytes -= len(dropped.body)

    def clear(self) -> None:
        """Forget every answer (the release changed)."""
        self._replies.clear()
        self._bytes = 0
