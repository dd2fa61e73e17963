#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (playwright-core drives /usr/bin/chromium;
# Playwright's own browser download cannot work here). Idempotent.
set -euo pipefail
exec 1>&2 </dev/null
export DEBIAN_FRONTEND=noninteractive
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
