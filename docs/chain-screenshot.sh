#!/usr/bin/env bash
# docs/chain.png: the Chain tab, from the real JavaFX window under Xvfb (org.tokendesk.ui.chain.ChainShot,
# test sources): a made-up PadLocal token, a registry stub and a plaintext puppet service on loopback.
# Usage: docs/chain-screenshot.sh [OUT.png [LANGUAGE [THEME]]]   (needs Xvfb, ImageMagick, GTK 3: see screenshots.sh)
set -euo pipefail
exec "$(dirname "$0")/shot.sh" chain-screenshot org.tokendesk.ui.chain.ChainShot 1100x720 "" "${1:-docs/chain.png}" "${2:-en}" "${3:-light}"
