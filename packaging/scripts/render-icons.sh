#!/usr/bin/env bash
# Renders the app icon's SVG source into every PNG size, the Windows .ico and the macOS .icns.
# The results are committed, so builds never need these tools:
#   apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "$0")/../.."
icons=ui-resources/src/main/resources/dev/auditdesk/ui/icons
svg=$icons/auditdesk.svg
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" "$svg" -o "$icons/auditdesk-$s.png"
done
icotool -c -o packaging/src/jpackage/msi/auditdesk.ico \
  "$icons"/auditdesk-{16,24,32,48,64,128}.png -r "$icons/auditdesk-256.png"
png2icns packaging/src/jpackage/dmg/auditdesk.icns \
  "$icons"/auditdesk-{16,32,48,128,256,512}.png >/dev/null
