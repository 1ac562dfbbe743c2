#!/bin/sh
# Makes the fidelity corpus beside this script with real producers: Chromium's print to PDF
# (Skia's PDF writer, what a browser or an Electron app prints) for the HTML pages, and
# Ghostscript's pdfwrite for the PostScript one. The photo is from the Rust Embedded Book
# (MIT/Apache-2.0). Run it again only to change the corpus; the tests read the PDFs as they are.
set -eu
cd "$(dirname "$0")"
for f in letter-office a4-photo letter-landscape legal-notice; do
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$f.pdf" "file://$PWD/$f.html" 2>/dev/null
done
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sPAPERSIZE=letter -sOutputFile=ps-form.pdf ps-form.ps
