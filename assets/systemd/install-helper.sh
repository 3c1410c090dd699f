#!/bin/sh
# Installs the nslab helper as a systemd service and lets a user manage labs without sudo.
# Usage (as root, from the repository root): assets/systemd/install-helper.sh [USER]
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
user=${1:-${SUDO_USER:-}}

if [ "$(id -u)" != 0 ]; then
  echo "install-helper: run as root (sudo $0 ${user:-USER})" >&2
  exit 4
fi

# The group that may connect to the helper's socket.
install -D -m 0644 "$repo/assets/systemd/nslab.sysusers.conf" /usr/lib/sysusers.d/nslab.conf
if command -v systemd-sysusers >/dev/null 2>&1; then
  systemd-sysusers /usr/lib/sysusers.d/nslab.conf
elif ! getent group nslab >/dev/null; then
  groupadd --system nslab
fi

# The command, pointing at this checkout, so the service and users run the same build.
ln -sf "$repo/nslab" /usr/local/bin/nslab
install -D -m 0644 "$repo/docs/install.md" /usr/local/share/doc/nslab/install.md
install -D -m 0644 "$repo/assets/systemd/nslab-helper.service" /etc/systemd/system/nslab-helper.service

# Build once as root now, so the service's first start does not wait for Maven.
"$repo/nslab" --help >/dev/null 2>&1 || true

systemctl daemon-reload
systemctl enable --now nslab-helper.service

if [ -n "$user" ]; then
  usermod -aG nslab "$user"
  echo "install-helper: $user is now in the group nslab; log out and in again (or run: newgrp nslab)."
fi
echo "install-helper: the helper is running: systemctl status nslab-helper"
