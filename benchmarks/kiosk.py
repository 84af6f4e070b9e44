"""Kiosk loop: memory of the server and of the browser over a long auto-advancing run.

    python benchmarks/kiosk.py [--minutes 10] [--interval 5] [--idle 1]

Starts the dashboard (`streamlit run app.py`) on a free port with a database built for
the run, opens presenter mode in headless Chromium with every non-local request
aborted, and samples every few seconds: the server's resident memory (RSS), the
browser's memory (unique set size - private pages - summed over its processes: it does
not move when other programs sharing Chromium's libraries come and go), the page's
JavaScript heap after a forced collection, and its DOM size. An idle phase first - the same slides, open and not advancing - gives a baseline
level measured in the same run; then the kiosk phase advances every --interval seconds
for --minutes. Growth is the change from the minute after a warm-up (two full loops:
every slide's figure built and cached) to the last minute. Target: at most 10 % for the
server and for the browser. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sangaku import build, slides  # noqa: E402

TARGET_GROWTH = 0.10
SAMPLE_SECONDS = 5.0
MB = 1024 * 1024


@dataclass
class Sample:
    at: float  # seconds since the phase started
    server: int  # bytes, RSS of the Streamlit process
    browser: int  # bytes, USS summed over the browser's processes
    heap: int  # bytes, the page's JS heap after a collection
    nodes: int  # elements in the page
    slide: int  # the slide on screen (1-based)
    kinds: dict  # bytes of USS per browser process type


# ---------------------------------------------------------------- /proc
def _status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _uss(pid: int) -> int:
    """Unique set size: the memory only this process holds (private pages). Unlike PSS
    it does not move when another program sharing Chromium's libraries starts or exits,
    and a leak shows in it. Falls back to RSS where smaps_rollup is unreadable."""
    try:
        private = 0
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith(("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:")):
                    private += int(line.split()[1]) * 1024
        return private
    except OSError:
        pass
    try:
        return _status_kb(pid, "VmRSS")
    except OSError:
        return 0


def _browser_processes(profile: str) -> dict[int, str]:
    """Every Chromium process of this run (each carries its profile folder), with its
    type: browser, renderer, gpu-process, utility…"""
    found = {}
    marker = f"--user-data-dir={profile}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                # Chromium rewrites its child processes' command lines as one string.
                args = fh.read().replace(b"\0", b" ").split()
        except OSError:
            continue
        if any(marker in a for a in args):
            kind = next((a.split(b"=", 1)[1].decode() for a in args
                         if a.startswith(b"--type=")), "browser")
            found[int(entry)] = kind
    return found


def _browser_memory(profile: str) -> dict[str, int]:
    """USS per process type, summed over the processes of each type."""
    memory: dict[str, int] = {}
    for pid, kind in _browser_processes(profile).items():
        memory[kind] = memory.get(kind, 0) + _uss(pid)
    return memory


# ---------------------------------------------------------------- the run
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db_file: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, SANGAKU_DB=str(db_file))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("streamlit did not start:\n" + log.read_text())
        time.sleep(0.5)


PAGE_METRICS = """() => {
  if (window.gc) { window.gc(); }
  const counter = document.querySelector('.present-counter');
  return {heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
          nodes: document.getElementsByTagName('*').length,
          slide: counter ? parseInt(counter.textContent) : 0};
}"""


def _phase(page, server_pid: int, profile: str, seconds: float, label: str) -> list[Sample]:
    samples: list[Sample] = []
    started = time.monotonic()
    next_at = started
    while time.monotonic() - started < seconds:
        next_at += SAMPLE_SECONDS
        metrics = page.evaluate(PAGE_METRICS)
        kinds = _browser_memory(profile)
        samples.append(Sample(
            at=time.monotonic() - started, server=_status_kb(server_pid, "VmRSS"),
            browser=sum(kinds.values()), heap=metrics["heap"], nodes=metrics["nodes"],
            slide=metrics["slide"], kinds=kinds))
        if len(samples) % 12 == 0:
            s = samples[-1]
            parts = " ".join(f"{k} {v / MB:.0f}" for k, v in sorted(s.kinds.items()))
            print(f"  {label} {s.at / 60:5.1f} min  server {s.server / MB:7.1f} MB  "
                  f"browser {s.browser / MB:7.1f} MB ({parts})  heap {s.heap / MB:6.1f} MB  "
                  f"nodes {s.nodes:5d}  slide {s.slide}", flush=True)
        page.wait_for_timeout(max(0.0, next_at - time.monotonic()) * 1000)
    return samples


def _median(samples: list[Sample], attr: str, start: float, end: float) -> float:
    values = [getattr(s, attr) for s in samples if start <= s.at < end]
    return statistics.median(values) if values else float("nan")


def _advances(samples: list[Sample], count: int) -> int:
    steps = 0
    for a, b in zip(samples, samples[1:]):
        if a.slide and b.slide:
            steps += (b.slide - a.slide) % count
    return steps


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0, help="kiosk phase length")
    parser.add_argument("--interval", type=int, default=5, help="seconds per slide")
    parser.add_argument("--idle", type=float, default=1.0, help="idle baseline, minutes")
    parser.add_argument("--lang", default="ja")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    count = len(slides.SLIDES)
    warmup = max(60.0, 2 * count * args.interval)
    if args.minutes * 60 < warmup + 120:
        parser.error(f"--minutes must leave two minutes after the {warmup:.0f} s warm-up")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "bench.duckdb"
        print("building the database…", flush=True)
        build.build(db_path=db_file)
        server, url = _start_server(db_file, Path(tmp) / "server.log")
        profile = str(Path(tmp) / "profile")
        try:
            with sync_playwright() as p:
                context = p.chromium.launch_persistent_context(
                    profile, executable_path=chromium, headless=True,
                    viewport={"width": 1920, "height": 1080},
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run",
                          "--js-flags=--expose-gc", "--enable-precise-memory-info"])

                def route(r):
                    if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost"):
                        r.continue_()
                    else:
                        r.abort()

                context.route("**/*", route)
                page = context.pages[0] if context.pages else context.new_page()
                print(f"idle baseline: presenter mode, not advancing, {args.idle:g} min",
                      flush=True)
                page.goto(f"{url}/?present=1&lang={args.lang}")
                page.wait_for_selector(".present-counter", timeout=120_000)
                idle = _phase(page, server.pid, profile, args.idle * 60, "idle ")
                print(f"kiosk: a slide every {args.interval} s for {args.minutes:g} min",
                      flush=True)
                page.goto(f"{url}/?present=1&lang={args.lang}&kiosk={args.interval}")
                page.wait_for_selector(".present-counter", timeout=120_000)
                kiosk = _phase(page, server.pid, profile, args.minutes * 60, "kiosk")
                context.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    end = args.minutes * 60
    failed = []
    print()
    print(f"{'':<10}{'idle':>10}{'start':>10}{'warm':>10}{'end':>10}{'max':>10}"
          f"{'growth':>9}{'vs idle':>9}  (MB; growth: warm -> end, target <= 10 %)")
    for attr, label, judged in (("server", "server", True), ("browser", "browser", True),
                                ("heap", "JS heap", False)):
        base = _median(idle, attr, 0, args.idle * 60)
        start = _median(kiosk, attr, 0, 60)
        warm = _median(kiosk, attr, warmup, warmup + 60)
        last = _median(kiosk, attr, end - 60, end + 1)
        peak = max(getattr(s, attr) for s in kiosk)
        growth = (last - warm) / warm
        verdict = ("PASS" if growth <= TARGET_GROWTH else "FAIL") if judged else "(info)"
        if judged and growth > TARGET_GROWTH:
            failed.append(label)
        print(f"{label:<10}{base / MB:>10.1f}{start / MB:>10.1f}{warm / MB:>10.1f}"
              f"{last / MB:>10.1f}{peak / MB:>10.1f}{growth * 100:>8.1f}%"
              f"{last / base:>8.2f}x  {verdict}")
    nodes_warm = _median(kiosk, "nodes", warmup, warmup + 60)
    nodes_end = _median(kiosk, "nodes", end - 60, end + 1)
    advances = _advances(kiosk, count)
    expected = int(args.minutes * 60 / args.interval)
    print(f"DOM elements (median): {nodes_warm:.0f} after warm-up, {nodes_end:.0f} at the end")
    print(f"slides shown: {advances} advances in {args.minutes:g} min "
          f"(one every {args.interval} s would be {expected}); "
          f"{len(kiosk)} samples every {SAMPLE_SECONDS:g} s")
    if advances < expected * 0.8:
        failed.append("advancing")
        print("the loop advanced less than it should: FAIL")
    print("PASS" if not failed else f"FAIL: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
