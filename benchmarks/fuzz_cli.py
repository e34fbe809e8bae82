"""The command-line half of the fuzz benchmark: the `tracker` command run as a user would, on hostile
files, names, keys, URLs and archives, and against a local web server (127.0.0.1 only) that drips,
redirects to ftp://, loops and cuts responses short.

A command's outcome: it works (exit 0); it fails with one line `Error: ...` (the goal for bad input);
it fails with more lines or control characters on standard error; it prints a traceback; or it runs
past its time limit (a hang). Peak memory is that of the largest command.
"""

from __future__ import annotations

import http.server
import os
import random
import re
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import fuzz_inputs as gen

ROOT = Path(__file__).resolve().parents[1]
CLI_SECONDS = 90
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
DRIP_SECONDS = 2  # the slow server sends one byte this often, for at most DRIP_LIMIT seconds
DRIP_LIMIT = 150


class _Handler(http.server.BaseHTTPRequestHandler):
    """Pages for the fetch cases; every path is answered by this machine to this machine."""

    def log_message(self, *_args) -> None:  # noqa: ANN002
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {"Content-Type": "text/html"}).items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = self.path
        rng = random.Random(path)
        if path.startswith("/drip"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            began = time.monotonic()
            try:
                while time.monotonic() - began < DRIP_LIMIT:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(DRIP_SECONDS)
            except OSError:
                pass
        elif path.startswith("/ftp"):
            self._send(302, b"", {"Location": "ftp://127.0.0.1/story"})
        elif path.startswith("/file"):
            self._send(302, b"", {"Location": "file:///etc/passwd"})
        elif path.startswith("/javascript"):
            self._send(302, b"", {"Location": "javascript:alert(1)"})
        elif path.startswith("/loop"):
            self._send(302, b"", {"Location": path})
        elif path.startswith("/short"):
            self._send(200, b"<p>cut", {"Content-Type": "text/html", "Content-Length": "100000"})
        elif path.startswith("/status"):
            self._send(rng.choice([204, 301, 400, 403, 404, 410, 500, 503]), b"<p>error page</p>")
        elif path.startswith("/bytes"):
            self._send(
                200, gen.random_bytes(rng), {"Content-Type": rng.choice(["text/html", "image/png", "x"])}
            )
        else:
            self._send(200, gen.any_content(rng))


def _server() -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _tracker() -> str:
    local = ROOT / ".venv" / "bin" / "tracker"
    return str(local) if local.exists() else shutil.which("tracker") or "tracker"


def _commands(rng: random.Random, scratch: Path, base: str) -> list[list[str]]:
    """The commands of one case: usually an add, then reads; run in order on one database."""
    db = str(scratch / "t.db")
    key = gen.odd_key(rng) if rng.random() < 0.5 else None
    roll = rng.random()
    cmds: list[list[str]] = []
    if roll < 0.25:
        name = gen.odd_file_name(rng)
        (scratch / name).write_bytes(gen.any_content(rng))
        cmds.append(["add", str(scratch / name)])
    elif roll < 0.4:
        for k, text in enumerate(gen.text_versions(rng, 3)):
            (scratch / f"{k}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
            cmds.append(
                [
                    "add",
                    str(scratch / f"{k}.txt"),
                    "--article",
                    "three",
                    "--captured-at",
                    f"2024-01-0{k + 1}T00:00:00Z",
                ]
            )
        cmds.append(["claims", "three"])
        cmds.append(["claims", "three", "--all"])
        key = "three"
    elif roll < 0.55:
        path = scratch / rng.choice(["a.warc", "a.warc.gz"])
        path.write_bytes(gen.warc_file(rng))
        cmds.append(["add", str(path)])
    elif roll < 0.65:
        (scratch / "page.html").write_bytes(gen.any_content(rng))
        cmds.append(["add", str(scratch / "page.html"), "--url", rng.choice(gen.ODD_URLS)])
    elif roll < 0.75:
        endpoint = rng.choices(
            ["page", "ftp", "file", "javascript", "loop", "short", "status", "bytes", "drip"],
            weights=[30, 5, 3, 3, 3, 3, 8, 8, 1.5],
        )[0]
        cmds.append(["add", f"{base}/{endpoint}/{rng.randrange(10**6)}"])
    elif roll < 0.85:
        cmds.append(["add", "-", "--captured-at", rng.choice(gen.ODD_TIMES)])
    else:
        (scratch / "s.txt").write_text("One two three.\n\nFour five.", encoding="utf-8")
        cmds.append(["add", str(scratch / "s.txt"), "--article", "story"])
        key = rng.choice(["story", gen.odd_key(rng)])
    if key is not None and cmds and cmds[0][0] == "add" and "--article" not in cmds[0]:
        cmds[0] += ["--article", key]
    read = rng.choice(["log", "show", "notes", "claims", "diff", "verify", "report", "articles"])
    target = key or "stdin"
    if read == "articles":
        cmds.append(["articles"])
    elif read == "report":
        cmds.append(
            ["report", target, "--format", rng.choice(["text", "json", "markdown", "jsonld", "html"])]
        )
    else:
        cmds.append([read, target])
    return [["--db", db, *c] for c in cmds]


def _outcome(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in err:
        return "traceback"
    if proc.returncode == 0:
        return "ok"
    lines = err.rstrip("\n").split("\n")
    if len(lines) == 1 and not _CONTROL.search(lines[0]) and proc.returncode in (1, 2):
        return "one_line_error"
    return "multi_line_error"


def _signature(err: str) -> str:
    last = [line for line in err.strip().splitlines() if line.strip()][-1:] or [""]
    frames = re.findall(r'File "[^"]*/(tracker/[^"]+)", line \d+, in (\w+)', err)
    where = f"{frames[-1][0]}:{frames[-1][1]}" if frames else "?"
    return f"{re.sub(r'[0-9]+', 'N', last[0])[:100]} in {where}"


def _argument(value: str) -> bytes:
    """An argument as the shell would pass it: no NUL byte, and bytes for what is not UTF-8."""
    value = value.replace("\x00", "")
    try:
        return os.fsencode(value)
    except UnicodeEncodeError:  # a lone surrogate outside surrogateescape's range
        return value.encode("utf-8", "replace")


def _one_case(index: int, base: str) -> list[tuple[str, str | None, list[str], str]]:
    rng = random.Random(f"cli:{index}")
    scratch = Path(tempfile.mkdtemp(prefix="fuzzcli-"))
    out = []
    try:
        for args in _commands(rng, scratch, base):
            stdin = gen.any_content(rng) if "-" in args else b""
            try:
                proc = subprocess.run(
                    [_tracker(), *map(_argument, args)],
                    input=stdin,
                    capture_output=True,
                    timeout=CLI_SECONDS,
                    cwd=scratch,
                )
            except subprocess.TimeoutExpired:
                out.append(("hang", f"hang: {' '.join(args[2:4])}", args, ""))
                continue
            outcome = _outcome(proc)
            err = proc.stderr.decode("utf-8", "replace")
            detail = (
                _signature(err)
                if outcome == "traceback"
                else err[:300]
                if outcome == "multi_line_error"
                else None
            )
            out.append((outcome, detail, args, err))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def run_cli(cases: int, processes: int) -> dict:
    server, base = _server()
    outcomes: Counter = Counter()
    crashes: dict[str, dict] = {}
    multi: dict[str, str] = {}
    began = time.perf_counter()
    commands = 0
    with ThreadPoolExecutor(processes) as pool:
        for index, results in enumerate(pool.map(lambda i: _one_case(i, base), range(cases))):
            for outcome, detail, args, _err in results:
                commands += 1
                outcomes[outcome] += 1
                if outcome in ("traceback", "hang"):
                    entry = crashes.setdefault(detail, {"count": 0, "cases": [], "command": args[2:]})
                    entry["count"] += 1
                    entry["cases"] = (entry["cases"] + [index])[:5]
                elif outcome == "multi_line_error":
                    multi.setdefault(re.sub(r"\d+", "N", detail)[:60], detail)
    server.shutdown()
    return {
        "cases": cases,
        "commands": commands,
        "outcomes": dict(outcomes),
        "seconds": round(time.perf_counter() - began, 1),
        "peak_command_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "tracebacks": crashes,
        "multi_line_examples": list(multi.values())[:20],
    }


def write_crashes(results: dict, path: Path) -> None:
    """Each distinct traceback and hang with how to reproduce it."""
    lines = ["# Crashes found by benchmarks/bench_fuzz.py", ""]
    for part in ("library", "cli"):
        found = results.get(part, {}).get("tracebacks", {})
        lines += [f"## {part}: {len(found)} distinct", ""]
        for signature, entry in sorted(found.items(), key=lambda kv: -kv[1]["count"]):
            lines.append(f"- `{signature}` ({entry['count']} cases)")
            if part == "library":
                lines.append(
                    f"  reproduce: kind `{entry['kind']}`, seeds {entry['seeds']} "
                    f"(`python benchmarks/fuzz_repro.py {entry['kind']} {entry['seeds'][0]}`)"
                )
            else:
                lines.append(
                    f"  command: `tracker {' '.join(map(repr, entry['command']))}`, cases {entry['cases']}"
                )
        lines.append("")
    path.write_text("\n".join(lines))
