#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing and when we are root:
# LibreOffice Calc (opens our XLSX/ODS) and Writer (renders our DOCX), Chromium (accessibility
# tests), poppler-utils (pdftotext, pdftoppm), PostgreSQL (storage tests), DejaVu fonts (the
# Typst PDFs use them).
# Without root, or without apt-get, it only says which are missing; those tests are skipped.
set -u
PACKAGES="libreoffice-calc-nogui libreoffice-writer-nogui chromium poppler-utils postgresql fonts-dejavu-core"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: installing$missing" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends $missing >&2 || echo "system-packages: install failed" >&2
else
  echo "system-packages: missing$missing (not root); the tests that need them are skipped" >&2
fi
exit 0
