#!/usr/bin/env python3
"""Time and peak memory of kcenv on input built to be slow or to exhaust memory.

Usage: python3 bench/hostile.py [--kcenv target/release/kcenv] [--lines 200000] [--runs 3]

Each case once had a quadratic path or an unbounded allocation; the test suite
(tests/it/hostile_input.rs) checks that each one finishes under a generous
ceiling, and this script gives the numbers behind docs/performance.md. Prints a
Markdown table: case, input size, median wall time, peak RSS (GNU time).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, cwd, stdin_path=None):
    """Wall seconds and peak RSS (MiB) of one run, through GNU time."""
    with tempfile.NamedTemporaryFile("r") as rss, open(stdin_path or os.devnull, "rb") as stdin:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], cwd=cwd, stdin=stdin,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                       env=dict(os.environ, NO_COLOR="1", KCENV_LANG="en",
                                    # no keyring, no proxy: the cases measure reading, not waiting
                                    DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
                                    NO_PROXY="*"))
        wall = time.perf_counter() - start
        return wall, int(rss.read().split()[-1]) / 1024


def cases(d, lines):
    """(name, files to write, command, stdin file or None)."""
    export = "".join(f"export K_{i} = v{i}\n" for i in range(lines))
    dups = "KEYCLOAK_MESSAGING_HOST=http://127.0.0.1:9\nKEYCLOAK_MESSAGING_REALM=r\n"
    dups += "KEYCLOAK_MESSAGING_CLIENT_ID=c\n"
    dups += "".join(f"K_{i}=a{i}\n" for i in range(lines // 2))
    dups += "".join(f"K_{i}=b{i}\n" for i in range(lines // 2))
    chain = 'A="0123456789"\n' + "".join(
        f'{chr(66 + i)}="${{{chr(65 + i)}}}${{{chr(65 + i)}}}${{{chr(65 + i)}}}${{{chr(65 + i)}}}"\n'
        for i in range(25))
    body = "HTTP 401 " + '{"a":' * (2 * 1024 * 1024 // 5) + ' {"error":"unauthorized_client"}'
    messy = []
    for i in range(lines):
        k = i % 4
        messy.append([f"APP_KEY_{i:08d} = v{i}\n", f'APP_KEY_{i:08d}="q {i}"\n',
                      f"app_key_{i:08d}=lower\n", f"APP_KEY_{i:08d}=trail   \n"][k])
    messy = "".join(messy)
    return [
        ("fix --dry-run, `export K = v` lines", {"export.env": export},
         ["fix", "--dry-run", "--no-keyring", "export.env"], None),
        ("secret status, every key twice", {".env": dups}, ["secret", "status", ".env"], None),
        ("run --env-file, every key twice", {".env": dups},
         ["run", "--no-keyring", "--env-file", ".env", "--", "true"], None),
        ("doctor, every key twice", {".env": dups}, ["doctor", "--no-keyring", ".env"], None),
        ("explain, 2 MB of `{\"a\":`", {"body.txt": body}, ["explain"], "body.txt"),
        ("lint, 26-line `${A}` ×4 chain", {"chain.env": chain},
         ["lint", "--no-keyring", "chain.env"], None),
        ("lint --format json, messy", {"messy.env": messy},
         ["lint", "--no-keyring", "--format", "json", "--max-file-size", "1000000000", "messy.env"], None),
        ("lint --format sarif, messy", {"messy.env": messy},
         ["lint", "--no-keyring", "--format", "sarif", "--max-file-size", "1000000000", "messy.env"], None),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kcenv", default="target/release/kcenv")
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    kcenv = os.path.abspath(args.kcenv)
    print("| case | input | median wall | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as d:
        for name, files, cmd, stdin in cases(d, args.lines):
            size = 0
            for file, text in files.items():
                with open(os.path.join(d, file), "w") as f:
                    f.write(text)
                size += len(text.encode())
            results = [run([kcenv, *cmd], d, stdin and os.path.join(d, stdin)) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in results)
            rss = max(r[1] for r in results)
            shown = f"{wall * 1000:.0f} ms" if wall < 1 else f"{wall:.2f} s"
            print(f"| {name} | {size / 1e6:.1f} MB | {shown} | {rss:.1f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
