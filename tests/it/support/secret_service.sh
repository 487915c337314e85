#!/bin/sh
# Runs "$@" inside a scratch Secret Service: meant to be started as
#   dbus-run-session -- sh tests/it/support/secret_service.sh CMD [ARGS...]
# with HOME and the XDG_* directories pointing into a fresh temporary
# directory (gnome-keyring persists login.keyring under
# $XDG_DATA_HOME/keyrings; a shared HOME would leak items between runs and
# into the developer's own keyring).
#
# `--unlock` with a password on stdin creates and unlocks the `login`
# collection, the `default` alias that both keyring-rs and Python keyring
# write to. No prompt can appear: there is no display.
set -eu

case "${HOME:-}" in
  /tmp/*|"${TMPDIR:-/tmp}"/*) ;;
  *) echo "secret_service.sh: refusing to run with HOME=${HOME:-unset} (not a scratch directory)" >&2; exit 2 ;;
esac

eval "$(printf '%s' "${KCENV_TEST_KEYRING_PASSWORD:-kcenv-test}" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

status=0
"$@" || status=$?

# The daemon belongs to this D-Bus session; stop it so dbus-run-session can
# return as soon as the command is done.
if [ -n "${GNOME_KEYRING_PID:-}" ]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
exit $status
