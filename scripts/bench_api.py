"""Benchmark of the HTTP API: concurrent POST /recommend on a real `fundmatch serve` on loopback, and
`fundmatch recommend` answered by that warm server versus in its own process.

Run (with an index built for the settings in the environment):

    FUNDMATCH_DATA_DIR=<data> python scripts/bench_api.py --concurrency 20 --rounds 3

Starts the server as a subprocess on a free port, waits for /health, sends one warm-up request,
then ``rounds`` bursts of ``concurrency`` simultaneous requests (dev-case descriptions when
../shared/eval/dev_cases.jsonl exists, else built-in ones), and prints latency p50/p95/max (from
sending a request to its full answer, so queueing behind the others counts), throughput, and errors.
The server answers one request at a time (see fundmatch/app/api/services.py), so under a burst of
N the p95 is about N times the single-request time. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
DEV_CASES = REPO.parent / "shared" / "eval" / "dev_cases.jsonl"
BUILT_IN = (
    "We are an SME from Germany developing industrial heat pumps for process heat in dairies, TRL 6.",
    "A university consortium of 8 partners from 5 countries researching solid-state batteries.",
    "Polish family SME needs a EUR 2 million loan for energy-efficient machinery and solar panels.",
    "Start-up building AI-driven digital twins for low-waste manufacturing lines, applying alone.",
    "Cement plant operator planning a first-of-a-kind carbon capture installation of EUR 150 million.",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descriptions(count: int) -> list[str]:
    """``count`` project descriptions: dev-case texts when available, else the built-in ones."""
    texts: list[str] = []
    if DEV_CASES.is_file():
        with DEV_CASES.open(encoding="utf-8") as handle:
            for line in handle:
                case = json.loads(line)
                text = case.get("query")
                if text:
                    texts.append(str(text)[:2000])
                if len(texts) >= count:
                    break
    while len(texts) < count:
        texts.append(BUILT_IN[len(texts) % len(BUILT_IN)])
    return texts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "FUNDMATCH_API_PORT": str(port)}
    command = [
        sys.executable,
        "-c",
        "from fundmatch.app.cli import main; main()",
        "serve",
        "--port",
        str(port),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for(url: str, process: subprocess.Popen, timeout_s: float = 600) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped: {process.stderr.read() if process.stderr else ''}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer /health in time")


def burst(url: str, texts: list[str], k: int) -> tuple[list[float], int]:
    """Send every text at once; the latency of each answer and the number of errors."""

    def ask(text: str) -> tuple[float, bool]:
        start = time.perf_counter()
        try:
            response = httpx.post(f"{url}/recommend", json={"text": text, "k": k}, timeout=600)
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        return time.perf_counter() - start, ok

    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        results = list(pool.map(ask, texts))
    return [seconds for seconds, _ in results], sum(1 for _, ok in results if not ok)


def cli_wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from fundmatch.app.cli import main; main()", "recommend", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ},
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--cli-runs", type=int, default=3, help="timed `fundmatch recommend` runs each way")
    args = parser.parse_args()

    port = free_port()
    os.environ["FUNDMATCH_API_PORT"] = str(port)
    url = f"http://127.0.0.1:{port}"
    process = start_server(port)
    try:
        ready = wait_for(url, process)
        texts = descriptions(args.concurrency)
        single = []
        for text in texts[:5]:
            single += burst(url, [text], args.k)[0]
        latencies: list[float] = []
        errors = 0
        wall = 0.0
        for _ in range(args.rounds):
            start = time.perf_counter()
            seconds, failed = burst(url, texts, args.k)
            wall += time.perf_counter() - start
            latencies += seconds
            errors += failed
        query = texts[0][:300]
        served = [cli_wall([query, "--k", "5"]) for _ in range(args.cli_runs)]
    finally:
        process.terminate()
        process.wait(timeout=30)
    local = [cli_wall([query, "--k", "5", "--local"]) for _ in range(args.cli_runs)]

    print(f"server ready after {ready:.1f} s (index and models loaded)")
    print(f"one request at a time (5): median {statistics.median(single) * 1000:.0f} ms")
    print(
        f"{args.rounds} bursts of {args.concurrency} concurrent POST /recommend (k={args.k}): "
        f"{len(latencies)} answers, {errors} errors; latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
        f"{len(latencies) / wall:.1f} requests/s"
    )
    print(
        f"`fundmatch recommend` wall, answered by the warm server: median {statistics.median(served):.1f} s"
    )
    print(f"`fundmatch recommend --local` wall (loads everything): median {statistics.median(local):.1f} s")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
