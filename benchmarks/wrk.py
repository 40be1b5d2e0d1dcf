"""Run wrk, the compiled HTTP load generator, and read its report (for the endpoint benchmarks).

A Lua script given to :func:`run` may write ``p95 <microseconds>`` and ``non2xx <count>`` lines
in its ``done`` callback (wrk's text report has neither); they are read when present.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

__all__ = ["run"]


def run(url: str, connections: int, seconds: int, script: Path | None = None) -> dict[str, object]:
    """Run wrk with 2 threads on ``url``: requests, rate, latency percentiles (ms), errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["-s", str(script)] if script is not None else []
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = {
        f"p{p}_ms": _ms(value, unit)
        for p, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)$", out, re.M)
    }
    if p95 := re.search(r"^p95 (\d+)$", out, re.M):
        latency["p95_ms"] = round(int(p95.group(1)) / 1000, 2)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    if (non2xx := re.search(r"^non2xx (\d+)$", out, re.M)) and not errors:
        errors = int(non2xx.group(1))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    found = re.search(r"(\d+) requests in", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return {
        "connections": connections,
        "seconds": seconds,
        "requests": int(found.group(1)) if found else 0,
        "requests_per_s": float(rate.group(1)) if rate else 0.0,
        "errors": errors,
        **latency,
    }


def _ms(value: str, unit: str) -> float:
    return round(float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 2)
