#!/bin/sh
# run.sh: golden renders (TAP). Each tests/golden/<case>.hdf names its
# template (Golden.Template) and language (Golden.Lang, default en); it
# is rendered by havre-render, the production renderer, and compared
# with <case>.gold. Templates come from templates/ plus tests/golden/tpl/
# (as golden/*.cs), copied to a scratch directory.
# Environment: HAVRE_SRCDIR (source tree; default: this script's ../..),
# HAVRE_RENDER (the tool; default ./tests/render/havre-render, as make
# check runs from the build directory), GOLDEN_UPDATE=1 rewrites the
# .gold files instead of comparing (review the diff before committing).
# Cases named hostile* also fail if raw <script, " onmouseover or a
# javascript: href appear in the output, whatever the .gold says.

here=$(cd "$(dirname "$0")" && pwd)
srcdir=${HAVRE_SRCDIR:-$(cd "$here/../.." && pwd)}
render=${HAVRE_RENDER:-./tests/render/havre-render}
if [ ! -x "$render" ] && [ -x "$here/../render/havre-render" ]; then
	render="$here/../render/havre-render"
fi
if [ ! -x "$render" ]; then
	echo "Bail out! havre-render not found (set HAVRE_RENDER)"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/havre-golden.XXXXXX") || {
	echo "Bail out! mktemp failed"
	exit 1
}
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/templates" "$work/out" &&
cp -R "$srcdir/templates/." "$work/templates/" &&
mkdir -p "$work/templates/golden" &&
cp "$srcdir/tests/golden/tpl/"*.cs "$work/templates/golden/" || {
	echo "Bail out! cannot copy templates"
	exit 1
}

# value KEY FILE: the value of a top-level dotted KEY = value line.
value() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$2" | head -n 1
}

n=0
failed=0
for data in "$srcdir"/tests/golden/*.hdf; do
	[ -f "$data" ] || continue
	name=$(basename "$data" .hdf)
	gold="$srcdir/tests/golden/$name.gold"
	tpl=$(value 'Golden\.Template' "$data")
	lang=$(value 'Golden\.Lang' "$data")
	lang=${lang:-en}
	n=$((n + 1))
	got="$work/out/$name.html"
	if ! "$render" "$work/templates" "$tpl" "$data" "$lang" > "$got" \
	    2> "$work/out/$name.err"; then
		echo "not ok $n - $name: render $tpl ($lang) failed"
		sed 's/^/#   /' "$work/out/$name.err"
		failed=$((failed + 1))
		continue
	fi
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$got" "$gold"
		echo "ok $n - $name: updated $name.gold"
	elif [ ! -f "$gold" ]; then
		echo "not ok $n - $name: no $name.gold"
		failed=$((failed + 1))
	elif case $name in hostile*) grep -qiE '<script|" onmouseover|href="javascript:' "$got";; *) false;; esac; then
		echo "not ok $n - $name: raw hostile markup in the output"
		grep -niE '<script|" onmouseover|href="javascript:' "$got" | sed 's/^/#   /'
		failed=$((failed + 1))
	elif diff -u "$gold" "$got" > "$work/out/$name.diff"; then
		echo "ok $n - $name: $tpl ($lang) matches $name.gold"
	else
		echo "not ok $n - $name: $tpl ($lang) differs from $name.gold"
		sed 's/^/#   /' "$work/out/$name.diff"
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
