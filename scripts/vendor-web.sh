#!/usr/bin/env bash
# Refreshes the browser files of the web application from the npm registry, at pinned versions,
# into src/samenwerkingsmonitor/web/static/vendor (committed: nothing is downloaded at run time,
# no CDN). Run by a developer when a version changes; then update SHA256SUMS there.
# The Utrecht design tokens are NOT used: their licence reserves them to Gemeente Utrecht; the
# NL Design System "voorbeeld" tokens (EUPL-1.2) are, with our own theme on top (web/static/theme.css).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/samenwerkingsmonitor/web/static/vendor
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
fetch() { (cd "$WORK" && npm pack -q "$1" >/dev/null && mkdir -p "$2" && tar xzf ./*"$3"*.tgz -C "$2"); }
fetch @utrecht/component-library-css@9.0.4 css utrecht-component-library-css
fetch @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 tokens voorbeeld-design-tokens
fetch htmx.org@2.0.11 htmx htmx.org
fetch vega@6.2.0 vega vega-6
fetch vega-lite@6.4.1 vegalite vega-lite
fetch vega-embed@7.1.0 embed vega-embed
fetch vega-interpreter@2.3.2 interp vega-interpreter
cp "$WORK/css/package/dist/index.css" "$DEST/utrecht-component-library-9.0.4.css"
cp "$WORK/tokens/package/dist/theme.css" "$DEST/voorbeeld-design-tokens-7.4.1.css"
cp "$WORK/htmx/package/dist/htmx.min.js" "$DEST/htmx-2.0.11.min.js"
cp "$WORK/vega/package/build/vega.min.js" "$DEST/vega-6.2.0.min.js"
cp "$WORK/vegalite/package/build/vega-lite.min.js" "$DEST/vega-lite-6.4.1.min.js"
cp "$WORK/embed/package/build/vega-embed.min.js" "$DEST/vega-embed-7.1.0.min.js"
# vega-interpreter ships only as an ES module importing vega-util; wrap it as a classic script
# that takes vega-util from the vega bundle, so no module loader (and no eval) is needed.
{
  echo "/* vega-interpreter 2.3.2 (BSD-3-Clause), its ES module wrapped as a classic script by"
  echo "   scripts/vendor-web.sh: it takes vega-util from the vega bundle. */"
  echo "(function (vegaUtil) {"
  echo "const { ascending, isString, DisallowedObjectProperties } = vegaUtil;"
  sed -e '1d' -e 's/^export { expression as expressionInterpreter };$/window.vegaInterpreter = { expressionInterpreter: expression };/' \
    "$WORK/interp/package/build/vega-interpreter.js"
  echo "})(window.vega);"
} > "$DEST/vega-interpreter-2.3.2.js"
sed -i '/sourceMappingURL/d' "$DEST"/*.js
(cd "$DEST" && sha256sum -c SHA256SUMS)
