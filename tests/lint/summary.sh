#!/bin/sh
# summary.sh: TAP lint that every error summary names its fields (issue
# 13 item 7: "After any failed submit, focus goes to the error summary,
# which names each field in error", not "This field is required." three
# times). layout/macros.cs's form_summary() prints "Label: message" only
# for fields whose Form.<name>.Label is set before it, so in each
# template that calls form_summary(), every field drawn by
# call:field_text, field_select or field_textarea with a literal name
# must have its set:Form.<name>.Label, and so must every field the
# template shows an error for by hand (Form.<name>.Error: a password
# input, a radio group, a file input written without the macros).
# (Checkboxes are not listed: a
# box left unticked is never an error. Fields labelled by the C code,
# such as the duplicate panel's verdict_N, use no literal name, nor do
# names built in the template, "c_" + f.Code.) A
# self-test runs the check on a fabricated template that must fail, so
# the lint cannot pass by seeing nothing.
# Source tree: $HAVRE_SRCDIR (exported by make check), else ../.. of
# this script.

srcdir=${HAVRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tpldir="$srcdir/templates"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/havre-summary.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$tpldir" ]; then
	echo "Bail out! no templates directory at $tpldir"
	exit 1
fi

. "$(dirname "$0")/tap.sh"

# unlabelled FILE: the literal field names of FILE's field macros that
# have no set:Form.<name>.Label in FILE, one per line.
unlabelled() {
	{ grep -o 'call:field_\(text\|select\|textarea\)("[a-z_0-9]*",' "$1" |
	    sed 's/.*("\(.*\)",/\1/'
	  grep -o 'Form\.[a-z_0-9]*\.Error' "$1" |
	    sed 's/^Form\.\(.*\)\.Error$/\1/'; } | LC_ALL=C sort -u |
	while read -r name; do
		grep -q "set:Form\.$name\.Label[[:space:]]*=" "$1" || echo "$name"
	done
}

# The self-test: a summary before a field with no label must be found.
cat > "$tmp/bad.cs" <<'TPL'
<?cs call:form_summary() ?><?cs
call:field_text("family_name", Lang.X.FamilyName, "text", 1) ?>
TPL
bad=$(unlabelled "$tmp/bad.cs")
[ "$bad" = family_name ]
ok $? "self-test: an unlabelled field of a summary's form is found"
cat > "$tmp/bad2.cs" <<'TPL'
<?cs call:form_summary() ?><?cs
if:Form.current.Error ?><p class="field-error"><?cs call:msg(Form.current.Error) ?></p><?cs /if ?>
<input type="password" name="current">
TPL
bad=$(unlabelled "$tmp/bad2.cs")
[ "$bad" = current ]
ok $? "self-test: an unlabelled field written by hand is found"

files=$(cd "$tpldir" && grep -rl 'call:form_summary()' . | sed 's|^\./||' |
    grep -v '^layout/macros\.cs$' | LC_ALL=C sort)
if [ -z "$files" ]; then
	echo "Bail out! no template calls form_summary() under $tpldir"
	exit 1
fi
for f in $files; do
	missing=$(unlabelled "$tpldir/$f" | tr '\n' ' ')
	[ -z "$missing" ]
	ok $? "$f: the error summary names every field${missing:+ (no label for: $missing)}"
done
echo "1..$n"
[ "$failed" -eq 0 ]
