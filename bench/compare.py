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
    """Median wall seconds of `cmd` (process start included), or None on timeout."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        # A blocking wait, killed by a timer: `Popen.wait(timeout)` polls with
        # growing sleeps, which rounds every time up to its schedule.
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status = os.waitpid(proc.pid, 0)
        timer.cancel()
        proc.returncode = 0  # reaped here; keeps Popen from waiting again
        if os.WIFSIGNALED(status):
            return None
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_interleaved(cmds, runs, timeout, env):
    """Median wall seconds of each command, run in alternation (a, b, c, a,
    b, c, …): a machine whose speed drifts (a shared VM) slows all of them
    alike, so the ratios stay honest."""
    times = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            if times[i] is None:
                continue  # timed out once: not paid again
            t = measure(cmd, 1, timeout, env)
            if t is None:
                times[i] = None
            elif times[i] is not None:
                times[i].append(t)
    return [None if t is None else statistics.median(t) for t in times]


def peak_rss_mib(cmd, timeout, env):
    """Peak RSS of one run, in MiB.

    Read through GNU time: a child forked from this Python process would
    report Python's own resident pages as its peak (about 15 MiB) whatever
    the tool does. Falls back to wait4 (and says so) without /usr/bin/time.
    """
    gnu_time = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if gnu_time:
        with tempfile.NamedTemporaryFile("r") as out:
            try:
                subprocess.run([gnu_time, "-f", "%M", "-o", out.name, *cmd], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, timeout=timeout)
            except subprocess.TimeoutExpired:
                return None
            return int(out.read().split()[-1]) / 1024
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    print("warning: no /usr/bin/time, RSS includes this Python process's pages", file=sys.stderr)
    return usage.ru_maxrss / 1024


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
    # "Equal work": kcenv without KC204 (unknown key: dotenv-linter has no
    # schema) against dotenv-linter without its quadratic UnorderedKey check.
    print("| file | lines | MB | kcenv concise (all rules) | kcenv RSS MiB (× file) | kcenv human | kcenv concise, equal work | kcenv json, equal work | kcenv json RSS MiB (× file) | dotenv-linter -i UnorderedKey | dotenv-linter RSS MiB | dotenv-linter all checks | speed-up, equal work, concise | speed-up, equal work, json | speed-up vs all checks |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    fmt = lambda t: "timeout" if t is None else (f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s")
    with tempfile.TemporaryDirectory() as d:
        for messy in (False, True):
            for lines in sizes:
                kind = "messy" if messy else "clean"
                path = os.path.join(d, f"{kind}-{lines}.env")
                generate(path, lines, messy)
                mb = os.path.getsize(path) / 1e6
                runs = args.runs if lines <= 200_000 else max(1, args.runs // 2)
                base = [args.kcenv, "lint", path, "--no-keyring", "--max-file-size", "1000000000"]
                concise = base + ["--format", "concise"]
                dl_fast = [args.dotenv_linter, "-q", "check", "-i", "UnorderedKey", path]
                json_equal = base + ["--format", "json", "--ignore", "KC204"]
                k, k_schema_off, k_json, d_fast = measure_interleaved(
                    [concise, concise + ["--ignore", "KC204"], json_equal, dl_fast], runs, args.timeout, env)
                k_rss = peak_rss_mib(concise, args.timeout, env)
                k_json_rss = peak_rss_mib(json_equal, args.timeout, env)
                k_human = measure(base, 1, args.timeout, env) if lines <= 200_000 else None
                d_rss = peak_rss_mib(dl_fast, args.timeout, env)
                d_all = measure([args.dotenv_linter, "-q", "check", path], runs, 60, env) if lines <= 20_000 else None
                ratio = lambda t, base=k: "—" if t is None or base is None else f"{t / base:.1f}×"
                human = fmt(k_human) if lines <= 200_000 else "not run"
                times_file = lambda r: f" ({r / (mb / 1.048576):.1f}×)" if r and mb >= 0.5 else ""
                rss = lambda r: "timeout" if r is None else f"{r:.1f}"
                print(f"| {kind} | {lines:,} | {mb:.1f} | {fmt(k)} | {rss(k_rss)}{times_file(k_rss)} | {human} | {fmt(k_schema_off)} | {fmt(k_json)} | {rss(k_json_rss)}{times_file(k_json_rss)} | {fmt(d_fast)} | {rss(d_rss)} | {fmt(d_all) if lines <= 20_000 else 'not run (quadratic)'} | {ratio(d_fast, k_schema_off)} | {ratio(d_fast, k_json)} | {ratio(d_all)} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
