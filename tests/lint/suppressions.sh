#!/bin/sh
# suppressions.sh: TAP lint of the sanitizers' suppressions
# (tests/sanitizers/*.supp, docs/sanitizers.md). It fails when an entry
#   (1) has no comment right above it (its reason: which library leaks
#       what, and why our code cannot free it);
#   (2) names a function defined in our own sources (modules/): our
#       leaks are fixed, never suppressed.
# A self-test runs both checks on a small file that breaks each rule and
# expects them to fail there, so the lint cannot pass by seeing nothing.
# Source tree: $HAVRE_SRCDIR (exported by make check), else ../.. of
# this script.

srcdir=${HAVRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

. "$(dirname "$0")/tap.sh"

# unreasoned FILE: the entries of FILE with no comment line right above.
unreasoned() {
	awk '/^[ \t]*#/ { c = 1; next }
	    /^[ \t]*$/ { c = 0; next }
	    { if (!c) print; c = 0 }' "$1"
}

# ours FILE: the entries of FILE whose function is defined in modules/
# (a definition starts a line: "name(" after the return type's line).
ours() {
	grep -v '^[ \t]*#' "$1" | grep ':' | while IFS= read -r e; do
		f=${e#*:}
		[ -n "$f" ] || continue
		if grep -rqsE "^$f\\(" "$srcdir/modules" --include='*.c'; then
			echo "$e"
		fi
	done
}

for supp in "$srcdir"/tests/sanitizers/*.supp; do
	[ -f "$supp" ] || continue
	name=${supp#"$srcdir"/}
	bad=$(unreasoned "$supp")
	ok "$([ -z "$bad" ] && echo 0 || echo 1)" "$name: every entry has its reason above it"
	[ -z "$bad" ] || echo "#   without a reason: $bad"
	bad=$(ours "$supp")
	ok "$([ -z "$bad" ] && echo 0 || echo 1)" "$name: no entry suppresses our own code"
	[ -z "$bad" ] || echo "#   our own function: $bad"
done

# Self-test: a file breaking both rules must fail both checks.
tmp=$(mktemp) || exit 1
printf '# a reason\nleak:cs_parse_string\n\nleak:no_reason_here\n# ours\nleak:app_main\n' >"$tmp"
bad=$(unreasoned "$tmp")
ok "$([ "$bad" = "leak:no_reason_here" ] && echo 0 || echo 1)" "self-test: an entry without a reason is found"
bad=$(ours "$tmp")
ok "$([ "$bad" = "leak:app_main" ] && echo 0 || echo 1)" "self-test: an entry naming our own function is found"
rm -f "$tmp"

echo "1..$n"
[ "$failed" -eq 0 ]
