#!/bin/sh
# deps.sh: TAP lint of the dependency rule (shared/ARCHITECTURE.md,
# section 2): programs -> domain libraries (booking, person, match) ->
# common. A folder of modules/ with a main.c is a program; any other is
# a library. It fails when
#   (1) a program's build variables in Makefile.am (havre_<prog>_*:
#       sources, flags, libraries) name another program's folder;
#   (2) a library's build variables (lib<name>_a_*) name a program's
#       folder;
#   (3) a source file of a program includes a header that lives only in
#       another program's folder, or names such a folder in its include;
#   (4) a library's source includes a program's header, or common
#       includes a domain library's header.
# A self-test runs the same checks on a small tree that breaks each rule
# and expects every check to fail there, so the lint cannot pass by
# seeing nothing.
# Source tree: $HAVRE_SRCDIR (exported by make check), else ../.. of
# this script.

srcdir=${HAVRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

. "$(dirname "$0")/tap.sh"

# programs TREE: the folders of TREE/modules that hold a main.c.
programs() {
	for d in "$1"/modules/*/; do
		[ -f "$d/main.c" ] && basename "$d"
	done
}

# libraries TREE: the other folders of TREE/modules.
libraries() {
	for d in "$1"/modules/*/; do
		[ -f "$d/main.c" ] || basename "$d"
	done
}

# makevars TREE: Makefile.am with continuation lines joined, one
# "name = value" per line.
makevars() {
	awk '{
		if (sub(/\\$/, "")) { line = line $0 " "; next }
		print line $0; line = ""
	}' "$1/Makefile.am"
}

# check_make TREE: print a line for every build variable that breaks
# rule (1) or (2).
check_make() {
	progs=$(programs "$1")
	makevars "$1" > "${TMPDIR:-/tmp}/havre-deps.$$"
	for p in $progs; do
		var=$(printf 'havre_%s_' "$p" | tr '-' '_')
		for q in $progs; do
			[ "$p" = "$q" ] && continue
			grep -E "^$var[A-Za-z]+[[:space:]]*\+?=" \
			    "${TMPDIR:-/tmp}/havre-deps.$$" |
			    grep -E "modules/$q(/|[[:space:]]|$)" |
			    sed "s|^|# havre-$p names modules/$q: |"
		done
	done
	for q in $progs; do
		grep -E '^lib[a-z0-9_]+_a_[A-Za-z]+[[:space:]]*\+?=' \
		    "${TMPDIR:-/tmp}/havre-deps.$$" |
		    grep -E "modules/$q(/|[[:space:]]|$)" |
		    sed "s|^|# a library names program folder modules/$q: |"
	done
	rm -f "${TMPDIR:-/tmp}/havre-deps.$$"
}

# includes FILE: the quoted includes of a C file, one per line.
includes() {
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"
}

# check_sources TREE: print a line for every include that breaks rule
# (3) or (4).
check_sources() {
	progs=$(programs "$1")
	libs=$(libraries "$1")
	for p in $progs; do
		for f in "$1"/modules/"$p"/*.[ch]; do
			[ -f "$f" ] || continue
			for h in $(includes "$f"); do
				case $h in
				*/*)	for q in $progs; do
						[ "$q" = "$p" ] && continue
						case $h in
						*"$q"/*) echo "# $f includes $h" ;;
						esac
					done
					continue ;;
				esac
				[ -f "$1/modules/$p/$h" ] && continue
				for q in $progs; do
					[ "$q" = "$p" ] && continue
					[ -f "$1/modules/$q/$h" ] || continue
					found=0
					for l in $libs; do
						[ -f "$1/modules/$l/$h" ] && found=1
					done
					[ $found -eq 0 ] &&
					    echo "# $f includes $h of modules/$q"
				done
			done
		done
	done
	for l in $libs; do
		for f in "$1"/modules/"$l"/*.[ch]; do
			[ -f "$f" ] || continue
			for h in $(includes "$f"); do
				[ -f "$1/modules/$l/$h" ] && continue
				for q in $progs; do
					[ -f "$1/modules/$q/$h" ] &&
					    echo "# library $l: $f includes $h of modules/$q"
				done
				[ "$l" = common ] || continue
				for m in $libs; do
					[ "$m" = common ] && continue
					[ -f "$1/modules/$m/$h" ] &&
					    echo "# common: $f includes $h of modules/$m"
				done
			done
		done
	done
}

# A tree that breaks every rule once, for the self-test.
bad=${TMPDIR:-/tmp}/havre-deps-bad.$$
rm -rf "$bad"
mkdir -p "$bad/modules/alpha" "$bad/modules/beta" "$bad/modules/common" \
    "$bad/modules/person"
: > "$bad/modules/alpha/main.c"
: > "$bad/modules/beta/main.c"
echo '#include "beta.h"' > "$bad/modules/alpha/pages.c"
echo '#include "../alpha/alpha.h"' > "$bad/modules/beta/pages.c"
: > "$bad/modules/alpha/alpha.h"
: > "$bad/modules/beta/beta.h"
echo '#include "alpha.h"' > "$bad/modules/person/load.c"
echo '#include "person.h"' > "$bad/modules/common/db.c"
: > "$bad/modules/person/person.h"
cat > "$bad/Makefile.am" <<'EOF'
havre_alpha_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(srcdir)/modules/beta
havre_beta_SOURCES = modules/beta/main.c
libthing_a_SOURCES = modules/alpha/pages.c
EOF
out=$(check_make "$bad")
echo "$out" | grep -q 'havre-alpha names modules/beta' &&
    echo "$out" | grep -q 'library names program folder modules/alpha'
ok $? "self-test: a program's or a library's build naming a program folder is caught"
out=$(check_sources "$bad")
echo "$out" | grep -q 'alpha/pages.c includes beta.h of modules/beta' &&
    echo "$out" | grep -q 'beta/pages.c includes ../alpha/alpha.h' &&
    echo "$out" | grep -q 'library person: .* includes alpha.h' &&
    echo "$out" | grep -q 'common: .* includes person.h'
ok $? "self-test: includes across programs, library to program, common to library are caught"
rm -rf "$bad"

# The real tree.
if [ ! -f "$srcdir/Makefile.am" ] || [ -z "$(programs "$srcdir")" ]; then
	echo "Bail out! no Makefile.am or no program under $srcdir/modules"
	exit 1
fi
out=$(check_make "$srcdir")
[ -z "$out" ]
ok $? "Makefile.am: no program builds with another program's folder, no library with a program's"
[ -n "$out" ] && printf '%s\n' "$out"
out=$(check_sources "$srcdir")
[ -z "$out" ]
ok $? "sources: programs include only their own, library and common headers; libraries no program's; common no library's"
[ -n "$out" ] && printf '%s\n' "$out"

echo "1..$n"
[ "$failed" -eq 0 ]
