#!/usr/bin/env bash
# Refreshes the vendored GOV.UK Frontend (MIT) under static/vendor/govuk-frontend/ from npm.
# Needs Node.js and npm. Not part of `make run`: the built files are committed.
set -euo pipefail

GOVUK_FRONTEND_VERSION="${GOVUK_FRONTEND_VERSION:-6.6.0}"
SASS_VERSION="${SASS_VERSION:-1.108.2}"

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm install --no-save --silent "govuk-frontend@${GOVUK_FRONTEND_VERSION}" "sass@${SASS_VERSION}")
dist="$work/node_modules/govuk-frontend/dist"
out="$root/static/vendor/govuk-frontend"

rm -rf "$out"
mkdir -p "$out/assets"
"$work/node_modules/.bin/sass" --no-source-map --style=compressed --quiet-deps \
  --load-path="$dist" "$root/static/scss/frontend.scss" "$out/govuk-frontend.min.css"
cp "$dist/govuk/govuk-frontend.min.js" "$out/"
cp -r "$dist/govuk/assets/images" "$dist/govuk/assets/rebrand" "$out/assets/" 2>/dev/null || \
  cp -r "$dist/govuk/assets/images" "$out/assets/"
cp "$work/node_modules/govuk-frontend/LICENSE.txt" "$out/" 2>/dev/null || true
echo "$GOVUK_FRONTEND_VERSION" > "$out/VERSION"
echo "GOV.UK Frontend $GOVUK_FRONTEND_VERSION vendored into $out"
