#!/usr/bin/env bash
# The steps of the kcenv GitHub Action (action.yml), in a script so that the
# test suite runs exactly what the Action runs.
#
#   action.sh install   KCENV_VERSION (empty: this checkout's version; `source`:
#                       build this checkout), KCENV_ACTION_PATH (the action's root)
#   action.sh run       KCENV_ARGS (default `lint --format github`),
#                       KCENV_SARIF_FILE (optional: also write SARIF there)
#
# KCENV_ACTION_DRY_RUN=1 prints the install command instead of running it.
# Inputs arrive through the environment, never spliced into the script text,
# so a workflow input cannot inject shell code.
set -euo pipefail

action_root=${KCENV_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}

install() {
  local version=${KCENV_VERSION:-} spec
  if [ -z "$version" ]; then
    # The action at tag vX installs kcenv X: the version is the one in its own Cargo.toml.
    version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$action_root/Cargo.toml" | head -n 1)
  fi
  if [ "$version" = source ]; then
    spec=$action_root
  elif [[ $version =~ ^v?[0-9]+(\.[0-9]+)*([a-z0-9.+-]*)$ ]]; then
    spec="kcenv==${version#v}"
  else
    echo "kcenv action: version must be a release number (0.1.0) or 'source', not '$version'" >&2
    return 2
  fi
  local cmd
  if command -v uv >/dev/null 2>&1; then
    cmd=(uv tool install --force "$spec")
  elif command -v pipx >/dev/null 2>&1; then
    cmd=(pipx install --force "$spec")
  else
    cmd=(python3 -m pip install --user "$spec")
  fi
  if [ -n "${KCENV_ACTION_DRY_RUN:-}" ]; then
    printf '%s\n' "${cmd[*]}"
    return 0
  fi
  "${cmd[@]}"
  kcenv --version
}

run() {
  local args=${KCENV_ARGS:-lint --format github}
  local -a argv
  # Word splitting only: no globbing, no expansion of the input's text.
  read -r -a argv <<<"$args"
  local status=0
  kcenv "${argv[@]}" || status=$?
  if [ -n "${KCENV_SARIF_FILE:-}" ]; then
    # The same lint, as SARIF: drop any --format and its value, then ask for sarif.
    local -a sarif=()
    local skip=0 arg
    for arg in "${argv[@]}"; do
      if [ "$skip" = 1 ]; then skip=0; continue; fi
      case $arg in
        --format) skip=1 ;;
        --format=*) ;;
        *) sarif+=("$arg") ;;
      esac
    done
    if [ "${sarif[0]:-}" != lint ]; then
      echo "kcenv action: sarif-file needs args that start with 'lint'" >&2
      return 2
    fi
    local sarif_status=0
    kcenv "${sarif[@]}" --format sarif >"$KCENV_SARIF_FILE" || sarif_status=$?
    # 1 means findings (they are in the file); 2 and above is a real failure.
    if [ "$sarif_status" -ge 2 ]; then return "$sarif_status"; fi
  fi
  return "$status"
}

case ${1:-} in
  install) install ;;
  run) run ;;
  *) echo "usage: $0 install|run" >&2; exit 2 ;;
esac
