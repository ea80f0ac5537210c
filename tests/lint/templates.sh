#!/bin/sh
# templates.sh: TAP lint of every ClearSilver template under templates/.
# For each file: (1) none of the constructs that bypass html escaping or
# evaluate data as a template (uvar:, alt:, name:, lvar:, evar:,
# escape:"none"; see shared/CLEARSILVER.md), tolerant of spaces, case
# and tags split over lines; (2) every href/src/action whose value
# starts with data uses url_validate(), and all such attributes are
# quoted; (3) no label is followed by a literal colon: "Label: value"
# takes Lang.Form.Colon, which French writes with a no-break space
# before it ("Motif : …"); (4) no name joined to the next by a literal
# comma after an isolated name (</bdi>, ): Lang.Form.Comma is Arabic's
# "،" on an Arabic page. Exits non-zero if any test fails.
# Source tree: $HAVRE_SRCDIR (exported by make check), else ../.. of
# this script.

srcdir=${HAVRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tpldir="$srcdir/templates"

if [ ! -d "$tpldir" ]; then
	echo "Bail out! no templates directory at $tpldir"
	exit 1
fi

files=$(cd "$tpldir" && find . -type f -name '*.cs' | sed 's|^\./||' | LC_ALL=C sort)
if [ -z "$files" ]; then
	echo "1..0 # SKIP no templates"
	exit 0
fi

. "$(dirname "$0")/tap.sh"

# The commands banned right after "<?cs", and the raw escape mode.
banned='<\?cs[[:space:]]+(uvar|alt|name|lvar|evar)([[:space:]]|:|!)'
noesc='escape[[:space:]]*:[[:space:]]*["'"'"']none["'"'"']'
# URL attributes whose value starts with a tag, quoted or not.
urlattr='(href|src|action|formaction|poster|srcset)[[:space:]]*=[[:space:]]*("|'"'"')?<\?cs[[:space:]]*[^?]*'

for f in $files; do
	# One line per file, so tags split over lines are seen whole.
	flat=$(tr '\n\r\t' '   ' < "$tpldir/$f")

	bad=$(printf '%s' "$flat" | grep -oiE "$banned|$noesc")
	if [ -z "$bad" ]; then
		ok 0 "$f: no raw-output or template-eval constructs"
	else
		ok 1 "$f: no raw-output or template-eval constructs"
		printf '%s\n' "$bad" | sed 's/^/#   banned: /'
	fi

	status=0
	printf '%s' "$flat" | grep -oiE "$urlattr" > "${TMPDIR:-/tmp}/havre-lint.$$"
	while IFS= read -r m; do
		[ -n "$m" ] || continue
		if ! printf '%s' "$m" | grep -qiE '=[[:space:]]*("|'"'"')'; then
			echo "#   unquoted URL attribute: $m"
			status=1
		elif printf '%s' "$m" | grep -qiE '<\?cs[[:space:]]+var[[:space:]]*:[[:space:]]*url_validate[[:space:]]*\('; then
			:
		elif printf '%s' "$m" | grep -qiE '<\?cs[[:space:]]+var[[:space:]]*:'; then
			echo "#   URL from data without url_validate(): $m"
			status=1
		else
			# A conditional at the start of a URL: too hard to
			# follow here; flag it for a human.
			echo "#   warning: check this URL by hand: $m"
		fi
	done < "${TMPDIR:-/tmp}/havre-lint.$$"
	rm -f "${TMPDIR:-/tmp}/havre-lint.$$"
	ok $status "$f: URLs built from data go through url_validate()"

	# A text tag or a closing tag followed by ":" and a space.
	bad=$(printf '%s' "$flat" | grep -oE '(var:Lang\.[A-Za-z0-9_.]+ \?>|var:[A-Za-z0-9_.]+ \?></bdi>|</strong>):[[:space:]]')
	if [ -z "$bad" ]; then
		ok 0 "$f: colons after labels come from Lang.Form.Colon"
	else
		ok 1 "$f: colons after labels come from Lang.Form.Colon"
		printf '%s\n' "$bad" | sed 's/^/#   literal colon: /'
	fi

	# An isolated name followed by a literal comma (then a space).
	bad=$(printf '%s' "$flat" | grep -oE '</bdi>(<\?cs [^?]*\?>)?, ' || true)
	if [ -z "$bad" ]; then
		ok 0 "$f: names are joined by Lang.Form.Comma"
	else
		ok 1 "$f: names are joined by Lang.Form.Comma"
		printf '%s\n' "$bad" | sed 's/^/#   literal comma: /'
	fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
