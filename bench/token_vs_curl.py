#!/usr/bin/env python3
"""`kcenv test` against the embedded sandbox vs `curl` doing the same token POST, in one run.

Usage: python3 bench/token_vs_curl.py [--kcenv target/release/kcenv] [--runs 30]
kcenv does more than curl: it fetches the discovery document first, then posts the token
request, decodes the JWT claims and renders the summary. Both talk to the same sandbox.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

SECRET = "sandbox-client-secret-Qx7Lm2Vp9Tz4"
PASSWORD = "sandbox-password-Hn3Wk8Rf"


def median_ms(cmd, runs, **kw):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
        times.append((time.perf_counter() - t) * 1000)
        if r.returncode != 0:
            sys.exit(f"{cmd[0]} failed with {r.returncode}")
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kcenv", default="target/release/kcenv")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--port", type=int, default=18790)
    args = ap.parse_args()
    kcenv = os.path.abspath(args.kcenv)
    sandbox = subprocess.Popen([kcenv, "sandbox", "--port", str(args.port)], stdout=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        host = f"http://127.0.0.1:{args.port}"
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, ".env"), "w") as f:
                f.write(f"KEYCLOAK_MESSAGING_HOST={host}\nKEYCLOAK_MESSAGING_REALM=Messaging\n"
                        f"KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_CLIENT_SECRET={SECRET}\n"
                        f"KEYCLOAK_MESSAGING_USERNAME=test-send-sms\nKEYCLOAK_MESSAGING_PASSWORD={PASSWORD}\n")
            env = dict(os.environ, CI="1", NO_PROXY="*")
            k_med, k_min = median_ms([kcenv, "test", "--no-keyring"], args.runs, cwd=d, env=env)
            c_med, c_min = median_ms(["curl", "-sf", "--noproxy", "*", "-X", "POST",
                                      f"{host}/realms/Messaging/protocol/openid-connect/token",
                                      "-d", "grant_type=password", "-d", "client_id=api-messaging",
                                      "-d", f"client_secret={SECRET}", "-d", "username=test-send-sms",
                                      "-d", f"password={PASSWORD}"], args.runs, env=env)
    finally:
        sandbox.kill()
    print(f"| tool | median | min |\n|---|---:|---:|")
    print(f"| kcenv test (discovery + token + claims) | {k_med:.1f} ms | {k_min:.1f} ms |")
    print(f"| curl (token POST only) | {c_med:.1f} ms | {c_min:.1f} ms |")
    print(f"ratio kcenv/curl: {k_med / c_med:.2f}× ({args.runs} runs each)")


if __name__ == "__main__":
    main()
