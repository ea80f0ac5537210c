#!/bin/sh
# install.sh: TAP lint of where `make install` puts the programs
# (docs/install.md). The programs (a folder of modules/ with a main.c)
# go to $(pkglibexecdir) through pkglibexec_PROGRAMS; only the operator's
# tools, havre-admin and havre-verify, go to bin_PROGRAMS. It fails when
#   (1) bin_PROGRAMS names anything else (a program added the old way);
#   (2) a program's folder has no havre-<name> in pkglibexec_PROGRAMS
#       (its binary would not be installed, nor get a systemd unit).
# A self-test runs the checks on a small tree that breaks both rules and
# expects each to fail there, so the lint cannot pass by seeing nothing.
# Source tree: $HAVRE_SRCDIR (exported by make check), else ../.. of
# this script.

srcdir=${HAVRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

. "$(dirname "$0")/tap.sh"

# TOOLS: the only names allowed in bin_PROGRAMS.
TOOLS="havre-admin havre-verify"

# values TREE VAR: the words assigned to VAR (= and +=, continuation
# lines joined) in TREE/Makefile.am, one per line.
values() {
	awk -v var="$2" '{
		if (sub(/\\$/, "")) { line = line $0 " "; next }
		line = line $0
		if (line ~ "^" var "[ \t]*\\+?=") {
			sub(/^[^=]*=/, "", line)
			n = split(line, w, /[ \t]+/)
			for (i = 1; i <= n; i++)
				if (w[i] != "")
					print w[i]
		}
		line = ""
	}' "$1/Makefile.am"
}

# check TREE: print a line for every break of rule (1) or (2).
check() {
	for p in $(values "$1" bin_PROGRAMS); do
		case " $TOOLS " in
		*" $p "*) ;;
		*) echo "# $p is in bin_PROGRAMS: programs go to pkglibexec_PROGRAMS" ;;
		esac
	done
	libexec=" $(values "$1" pkglibexec_PROGRAMS | tr '\n' ' ') "
	for d in "$1"/modules/*/; do
		[ -f "$d/main.c" ] || continue
		p=havre-$(basename "$d")
		case " $TOOLS " in *" $p "*) continue ;; esac
		case $libexec in
		*" $p "*) ;;
		*) echo "# modules/$(basename "$d") has a main.c but $p is not in pkglibexec_PROGRAMS" ;;
		esac
	done
}

echo "1..4"

out=$(check "$srcdir")
[ -n "$out" ] && printf '%s\n' "$out"
test -z "$out"
ok $? "bin_PROGRAMS holds only $TOOLS; every program is in pkglibexec_PROGRAMS"

values "$srcdir" bin_PROGRAMS | grep -qx havre-admin &&
	values "$srcdir" pkglibexec_PROGRAMS | grep -qx havre-portal
ok $? "the lint reads the real lists (havre-admin in bin, havre-portal in libexec)"

# Self-test: a tree with a program in bin_PROGRAMS and one missing.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/havre-install-lint.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/modules/admin" "$tmp/modules/alpha" "$tmp/modules/beta" \
    "$tmp/modules/gamma" "$tmp/modules/lib"
for p in admin alpha beta gamma; do : >"$tmp/modules/$p/main.c"; done
printf '%s\n' 'bin_PROGRAMS = havre-admin' 'pkglibexec_PROGRAMS = havre-alpha \' \
    '	havre-omega' 'bin_PROGRAMS += havre-beta' >"$tmp/Makefile.am"
out=$(check "$tmp")
printf '%s\n' "$out" | grep -q 'havre-beta is in bin_PROGRAMS'
ok $? "self-test: a program in bin_PROGRAMS is caught"
printf '%s\n' "$out" | grep -q 'havre-gamma is not in pkglibexec_PROGRAMS' &&
	! printf '%s\n' "$out" | grep -q 'havre-alpha'
ok $? "self-test: a program missing from pkglibexec_PROGRAMS is caught (continuation lines read)"

[ "$failed" -eq 0 ]
