#!/usr/bin/env python3
"""kcenv lint vs dotenv-linter on the same generated files, in one run.

Usage: python3 bench/compare.py [--kcenv target/release/kcenv] [--runs 5] [--max-lines 2000000]

Prints a Markdown table: lines, size, median wall time of each tool, MB/s, peak RSS, and
the ratio. dotenv-linter runs with all its checks (its UnorderedKey check is quadratic,
so only up to 20k lines and under a timeout) and with `-i UnorderedKey`.
Install dotenv-linter with `cargo install dotenv-linter`.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SEED = """# Configuration API Ventis Messaging
VENTIS_MESSAGING_URL=https://messaging.ventis.group/messaging/api/v1
KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group
KEYCLOAK_MESSAGING_REALM=Messaging
KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging
KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vT1x-bench-client-secret-7Hk2
KEYCLOAK_MESSAGING_USERNAME=test-send-sms
KEYCLOAK_MESSAGING_PASSWORD=Pw-bench-9f3e1c
KEYCLOAK_VERIFY_SSL=true
VENTIS_DEBUG=false
"""


def generate(path, lines, messy):
    """Sorted unique keys (clean) or a mix of the seed's mistakes (messy)."""
    with open(path, "w") as f:
        f.write(SEED)
        n = lines - SEED.count("\n")
        for i in range(max(n, 0)):
            if not messy:
                f.write(f"APP_KEY_{i:08d}=value_{i:08d}\n")
                continue
            k = i % 8
            if k == 0:
                f.write(f"APP_KEY_{i:08d} = value_{i:08d}\n")
            elif k == 1:
                f.write(f'APP_KEY_{i:08d}="quoted value {i}"\n')
            elif k == 2:
                f.write(f"app_key_{i:08d}=lower\n")
            elif k == 3:
                f.write(f"APP_KEY_{i:08d}=trailing   \n")
            elif k == 4:
                f.write(f"# comment {i}\n")
            elif k == 5:
                f.write(f"APP_KEY_{i - 5:08d}=duplicate\n")
            elif k == 6:
                f.write(f"export APP_KEY_{i:08d}=${{APP_KEY_{i - 1:08d}}}\n")
            else:
                f.write(f"APP_KEY_{i:08d}=value # inline comment\n")


def measure(cmd, runs, timeout, env):
    """Median wall seconds and peak RSS (MiB) of that process, or None on timeout."""
    times, rss = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        if os.WIFSIGNALED(status):
            return None, None
        times.append(time.perf_counter() - start)
        rss = max(rss, usage.ru_maxrss)
    return statistics.median(times), rss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kcenv", default="target/release/kcenv")
    ap.add_argument("--dotenv-linter", default=shutil.which("dotenv-linter") or os.path.expanduser("~/.cargo/bin/dotenv-linter"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--max-lines", type=int, default=2_000_000)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    env = dict(os.environ, DOTENV_LINTER_SKIP_UPDATES="true", CI="1", NO_COLOR="1")
    sizes = [s for s in (10, 20_000, 200_000, 2_000_000) if s <= args.max_lines]
    print("| file | lines | MB | kcenv concise (all rules) | kcenv MB/s | kcenv RSS MiB | kcenv human | dotenv-linter -i UnorderedKey | dotenv-linter RSS MiB | dotenv-linter all checks | speed-up vs -i UnorderedKey | speed-up vs all checks |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as d:
        for messy in (False, True):
            for lines in sizes:
                path = os.path.join(d, f"{'messy' if messy else 'clean'}-{lines}.env")
                generate(path, lines, messy)
                mb = os.path.getsize(path) / 1e6
                runs = args.runs if lines <= 200_000 else max(1, args.runs // 2)
                base = [args.kcenv, "lint", path, "--no-keyring", "--max-file-size", "1000000000"]
                k, k_rss = measure(base + ["--format", "concise"], runs, args.timeout, env)
                k_human, _ = measure(base, 1, args.timeout, env) if lines <= 200_000 else (None, None)
                d_fast, d_rss = measure([args.dotenv_linter, "-q", "check", "-i", "UnorderedKey", path], runs, args.timeout, env)
                d_all = None
                if lines <= 20_000:
                    d_all, _ = measure([args.dotenv_linter, "-q", "check", path], runs, 60, env)
                fmt = lambda t: "timeout" if t is None else (f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s")
                ratio = lambda t: "—" if t is None or k is None else f"{t / k:.1f}×"
                human = fmt(k_human) if lines <= 200_000 else "not run"
                print(f"| {'messy' if messy else 'clean'} | {lines:,} | {mb:.1f} | {fmt(k)} | {mb / k:.0f} | {k_rss:.0f} | {human} | {fmt(d_fast)} | {d_rss:.0f} | {fmt(d_all) if lines <= 20_000 else 'not run (quadratic)'} | {ratio(d_fast)} | {ratio(d_all)} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
