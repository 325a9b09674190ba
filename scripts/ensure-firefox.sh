#!/bin/sh
# Makes sure a Firefox the end-to-end tests can drive is installed (Debian's firefox-esr; no browser download).
# Uses $FIREFOX_PATH when set. As root on Debian/Ubuntu it installs the `firefox-esr` package; otherwise it says how.
set -e
if [ -n "$FIREFOX_PATH" ] && [ -x "$FIREFOX_PATH" ]; then exit 0; fi
for p in /usr/bin/firefox-esr /usr/bin/firefox; do
  if [ -x "$p" ]; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Firefox is missing: installing Debian's firefox-esr package (apt-get)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  exit 0
fi
echo "Firefox is needed for the end-to-end tests in Firefox (and npm run audit -- <url> --browser firefox)." >&2
echo "Install it with:  sudo apt-get update && sudo apt-get install -y firefox-esr   (Debian)" >&2
echo "or set FIREFOX_PATH to a Firefox binary (ESR 140 or newer)." >&2
exit 1
