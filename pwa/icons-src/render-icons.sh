#!/bin/sh
# Renders the PNG icons of the manifest from the SVG sources with headless Chromium
# (run once after changing the artwork; the PNGs are committed). Usage: sh render-icons.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../public/icons"
mkdir -p "$out"
render() { # svg size png
  page=$(mktemp --suffix=.html)
  printf '<html><body style="margin:0;background:transparent"><img src="file://%s" width="%s" height="%s" style="display:block"></body></html>' "$here/$1" "$2" "$2" > "$page"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --default-background-color=00000000 \
    --window-size="$2,$2" --screenshot="$out/$3" "file://$page" 2>/dev/null
  rm -f "$page"
}
render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 512 icon-maskable-512.png
render icon-maskable.svg 180 apple-touch-icon.png
cp "$here/icon.svg" "$out/favicon.svg"
