#!/usr/bin/env bash
# Installs what the full test suite needs on a fresh Debian machine: PostgreSQL 15, Chromium with
# its WebDriver, nginx, wrk, and the Python packages of the browser and API tests (schemathesis). Quick when all is already there.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# pdftoppm/pdfinfo/pdftotext: printed pages are checked as images and text.
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# nginx: two instances behind a reverse proxy; wrk: load in that test and the short soak.
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c "import selenium, pytest, aiosmtpd, schemathesis, requests" 2>/dev/null || python3 -m pip install -q -r e2e/requirements.txt
# axe-core 4.x for the accessibility audit: only the script file inside this package is used.
python3 -c "import axe_playwright_python" 2>/dev/null || python3 -m pip install -q --no-deps axe-playwright-python
