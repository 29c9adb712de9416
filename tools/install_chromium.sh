#!/usr/bin/env bash
# Install Chromium and its WebDriver from Debian's packages (chromium, chromium-driver) for the health report's
# browser test (tools/check_report.py). Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver
# already exist. Runs apt-get as root, or through sudo (non-interactive) otherwise.
#
# usage: tools/install_chromium.sh
# exit status: 0 when both are installed (or already were), 1 with a message naming what to do otherwise.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    echo "install_chromium: $CHROMIUM and $CHROMEDRIVER are already installed"
    exit 0
fi

fail() {
    echo "install_chromium: ERROR: $*" >&2
    echo "install_chromium: install them by hand: apt-get install --no-install-recommends chromium chromium-driver" \
        "(Debian or Ubuntu with Debian's chromium packages), then run this again" >&2
    exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
    fail "apt-get not found: this script needs a Debian-based system to install chromium and chromium-driver"
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        fail "not root and sudo is not installed, so the packages cannot be installed"
    fi
    if ! sudo -n true 2>/dev/null; then
        fail "not root and sudo needs a password (run 'sudo -v' first, or run this script as root)"
    fi
    sudo_cmd=(sudo -n)
fi

echo "install_chromium: installing chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo_cmd[@]+"${sudo_cmd[@]}"}" apt-get update; then
    fail "apt-get update failed (no network or no reachable Debian mirror?)"
fi
if ! "${sudo_cmd[@]+"${sudo_cmd[@]}"}" apt-get install -y --no-install-recommends chromium chromium-driver; then
    fail "apt-get install chromium chromium-driver failed (see apt-get's messages above)"
fi
for path in "$CHROMIUM" "$CHROMEDRIVER"; do
    if [ ! -x "$path" ]; then
        fail "$path is missing after installing the packages"
    fi
done
echo "install_chromium: installed: $("$CHROMIUM" --version 2>/dev/null || echo chromium), $("$CHROMEDRIVER" --version 2>/dev/null | head -n 1 || echo chromedriver)"
