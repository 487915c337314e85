#!/usr/bin/env bash
# What users install, checked as they would use it:
# - the workflows and action.yml against GitHub's own schemas, audited by zizmor;
#   the pre-commit manifest by pre-commit itself;
# - the wheel built by a pinned maturin, installed into a fresh virtualenv, and
#   the installed `kcenv` run (version, demo, lint), then the GitHub Action's
#   steps (.github/action.sh) against that install.
# Called by .ci/run with TOOLS_PY set to a Python that has the pinned tools.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${TOOLS_PY:?TOOLS_PY must name the Python with maturin, check-jsonschema, zizmor, pre-commit}
bin=$(dirname "$py")

echo "== workflows, action.yml, .pre-commit-hooks.yaml"
"$bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml
"$bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
# --offline: no GitHub API; findings of medium severity or more fail the run.
"$bin/zizmor" --offline --min-severity medium .github/workflows action.yml
"$bin/pre-commit" validate-manifest .pre-commit-hooks.yaml

echo "== wheel"
rm -rf target/wheels target/wheel-venv
# The dev profile: what is checked here is the packaging (metadata, entry point,
# install, the installed command working), and the dev build reuses what the
# fuzz build and the test suite compile anyway, where a release build would
# compile every dependency again with fat LTO (≈ 10 minutes on 2 cores).
# release.yml builds the wheels users get, with the release profile.
"$bin/maturin" build --profile dev --locked --out target/wheels
wheel=$(ls target/wheels/kcenv-*.whl)
echo "$wheel: $(du -k "$wheel" | cut -f1) KiB"
python3 -m venv target/wheel-venv
target/wheel-venv/bin/pip install --quiet --disable-pip-version-check "$wheel"
kcenv=target/wheel-venv/bin/kcenv
[ -x "$kcenv" ] || { echo "the wheel put no kcenv on the venv's PATH" >&2; exit 1; }

expect() { # expect CODE PATTERN CMD... : run CMD, check its exit code and that stdout matches
  local code=$1 pattern=$2; shift 2
  local out status=0
  out=$("$@" 2>&1) || status=$?
  if [ "$status" != "$code" ] || ! grep -qE -- "$pattern" <<<"$out"; then
    printf 'FAILED: %s\n  exit %s (wanted %s), output:\n%s\n' "$*" "$status" "$code" "$out" >&2
    exit 1
  fi
  echo "ok: $* -> exit $status, matches /$pattern/"
}

version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
expect 0 "^kcenv $version\$" "$kcenv" --version
expect 0 "Token récupéré avec succès" env KCENV_LANG=fr "$kcenv" demo
expect 1 "KC(202|2[0-9][0-9])" env KCENV_LANG=fr "$kcenv" lint --no-keyring tests/fixtures/sample-missing-secret.env
# A correct .env as it lives on a laptop: outside git, mode 0600.
clean=$(mktemp -d)
install -m 600 tests/fixtures/sample-correct.env "$clean/.env"
expect 0 "" env KCENV_LANG=fr "$kcenv" lint --no-keyring "$clean/.env"
rm -rf "$clean"

echo "== the GitHub Action's steps against the installed wheel"
expect 0 "kcenv==$version" env KCENV_ACTION_DRY_RUN=1 bash .github/action.sh install
sarif=$(mktemp)
expect 1 "^::(error|warning) file=tests/fixtures/sample-mistakes.env,line=[0-9]+" \
  env PATH="$PWD/target/wheel-venv/bin:$PATH" KCENV_LANG=fr \
  KCENV_ARGS="lint --no-keyring tests/fixtures/sample-mistakes.env --format github" KCENV_SARIF_FILE="$sarif" \
  bash .github/action.sh run
"$py" - "$sarif" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0", doc.get("version")
results = doc["runs"][0]["results"]
assert results and all(r["ruleId"].startswith("KC") for r in results), results[:2]
print(f"ok: SARIF from the action: {len(results)} results")
PY
rm -f "$sarif"
