#!/bin/sh
# Makes sure a Chromium the tests and the demo can drive is installed (Debian's package; no browser download).
# Uses $CHROME_PATH when set. As root on Debian/Ubuntu it installs the `chromium` package; otherwise it says how.
set -e
if [ -n "$CHROME_PATH" ] && [ -x "$CHROME_PATH" ]; then exit 0; fi
for p in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$p" ]; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Chromium is missing: installing Debian's chromium package (apt-get)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is needed for the demo and the end-to-end tests." >&2
echo "Install it with:  sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu)" >&2
echo "or set CHROME_PATH to a Chromium or Chrome binary." >&2
exit 1
