#!/usr/bin/env bash
# Debian packages Procura needs: Tesseract for OCR, poppler for PDF tools, Chromium for the
# browser tests. Installed only when missing.
set -euo pipefail
missing=()
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr tesseract-ocr-eng)
# The languages supplier invoices arrive in (OCR of scans and photos).
for lang in deu fra nld spa ita pol por; do
  [ -f "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ] \
    || [ -f "/usr/share/tesseract-ocr/4.00/tessdata/$lang.traineddata" ] \
    || missing+=("tesseract-ocr-$lang")
done
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# nginx in front of gunicorn for the stack check (make stack) and `make check-deploy`.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
if [ -n "${PROCURA_NEED_BROWSER:-1}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# A real IMAP server for the invoices-by-e-mail tests (started unprivileged by the tests).
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
