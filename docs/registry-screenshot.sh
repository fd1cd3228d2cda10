#!/usr/bin/env bash
# docs/registry.png: the Registry window (File → Registry on this computer), from the real JavaFX window
# under Xvfb (org.tokendesk.ui.ownregistry.RegistryShot, test sources): the registry on this computer with
# three made-up puppet services registered at it over loopback, and a few lookups served.
# Usage: docs/registry-screenshot.sh [OUT.png [LANGUAGE [THEME]]]   (needs Xvfb, ImageMagick, GTK 3: see screenshots.sh)
set -euo pipefail
exec "$(dirname "$0")/shot.sh" registry-screenshot org.tokendesk.ui.ownregistry.RegistryShot 1280x800 1280x600+0+0 "${1:-docs/registry.png}" "${2:-en}" "${3:-light}"
