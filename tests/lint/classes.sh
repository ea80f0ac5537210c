#!/bin/sh
# classes.sh: TAP lint that every CSS class a template puts in a class
# attribute has a rule in a stylesheet under htdocs/static/ (a class with
# no rule is either dead markup or a page that renders unstyled, as
# .visually-hidden did: issue 13).
#
# For each template under templates/:
#   - the stylesheets it sees are those its own markup links, or links
#     through the templates it includes (layout/header.cs gives
#     havre.css, appointments/book_header.cs havre.css and book.css,
#     reception/board.cs reception.css); a partial that links none is
#     checked against every stylesheet;
#   - each static class must be a class selector in one of them;
#   - a class built from data (class="badge badge-<?cs var:c.Class ?>")
#     must be listed in DYNAMIC below with every value the C code can put
#     there, and each resulting class must have a rule;
#   - a class that only a script uses is listed in HOOKS and must really
#     appear in a script under htdocs/static/.
# Stale entries of DYNAMIC or HOOKS fail too. A self-test runs the check
# on a small fabricated template and stylesheet that must fail, so the
# lint cannot pass by seeing nothing.
# Source tree: $HAVRE_SRCDIR (exported by make check), else ../.. of
# this script.

srcdir=${HAVRE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/havre-classes.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Classes built from data: "template token value..." where the token is
# the class with "{expr}" in place of <?cs var:expr ?>, and "-" is the
# empty value. Keep each line's source next to it: when the C code gains
# a value, add it here and give it a rule.
DYNAMIC='
# match_class_name() in modules/match/score.c (certain, probable,
# possible, none); the duplicate queue stores it (modules/identity/dups.c)
identity/duplicate.cs badge-{Pair.Class} certain probable possible none
identity/duplicates.cs badge-{q.Class} certain probable possible none
identity/dup_panel.cs badge-{c.Class} certain probable possible none
# the duplicate check of registration (modules/registration/member.c)
registration/match.cs badge-{c.Class} certain probable possible none
identity/search.cs badge-{c.Class} certain probable possible none
identity/search.cs class-{c.Class} certain probable possible none
# reason strengths: lround(score * 10) clamped to 0..10 in reason_set()
# (modules/identity/dups.c) and page_search() (modules/identity/search.c)
identity/duplicate.cs score-{row.Bar} 0 1 2 3 4 5 6 7 8 9 10
identity/dup_panel.cs score-{row.Bar} 0 1 2 3 4 5 6 7 8 9 10
identity/search.cs score-{m.Bar} 0 1 2 3 4 5 6 7 8 9 10
# the flash cookie kinds accepted in modules/common/route.c (ok, error,
# info)
layout/header.cs flash-{f.Kind} ok error info
# wf_light_name() in modules/workflow/clock.c, and the work lists
# lights in row_fill() (modules/dossier/lists.c)
dossier/view.cs light-{c.Light} green amber red paused stopped
dossier/list.cs light-{d.Light} green amber red
# the third argument of call:action() in the same template
reception/counter.cs {cls} - btn-secondary
'

# Classes with no rule that only a script under htdocs/static/*.js uses,
# one per line with the script that uses it. None today: board.js reads
# the body data-refresh attribute, not a class.
HOOKS='
'

. "$(dirname "$0")/tap.sh"

# selectors CSS...: every class selector of the stylesheets, one a line.
# Comments go first; then only rule preludes (the text before a "{" that
# does not start with "@") are read, never declarations, so "0.5rem" or
# a url() cannot count as a class.
selectors() {
	cat "$@" | tr '\n\r\t' '   ' | sed 's|/\*|\x01|g; s|\*/|\x02|g' |
	    sed 's/\x01[^\x02]*\x02/ /g' | awk '
	{
		s = $0; pre = ""; skip = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (skip > 0) {
				if (c == "{") skip++
				else if (c == "}") skip--
				continue
			}
			if (c == "{") {
				p = pre; sub(/^[ ]+/, "", p)
				if (substr(p, 1, 1) != "@") {
					while (match(p, /\.[A-Za-z_-][A-Za-z0-9_-]*/)) {
						print substr(p, RSTART + 1, RLENGTH - 1)
						p = substr(p, RSTART + RLENGTH)
					}
					skip = 1
				}
				pre = ""
			} else if (c == "}" || c == ";") {
				pre = ""
			} else {
				pre = pre c
			}
		}
	}' | LC_ALL=C sort -u
}

# sheets TPLDIR FILE: the stylesheets (file names under htdocs/static)
# FILE links itself or through its includes, one a line.
sheets() {
	_seen=" $2 "
	_todo=$2
	while [ -n "$_todo" ]; do
		_next=
		for _f in $_todo; do
			[ -f "$1/$_f" ] || continue
			tr '\n\r\t' '   ' < "$1/$_f" |
			    grep -oE '<link[^>]*rel="stylesheet"[^>]*>' |
			    sed -n 's|.*href="/static/\([^"]*\)".*|\1|p'
			for _i in $(tr '\n\r\t' '   ' < "$1/$_f" |
			    grep -oE 'include:"[^"]+"' | sed 's/include:"//; s/"$//'); do
				case "$_seen" in
				*" $_i "*) ;;
				*) _seen="$_seen$_i "; _next="$_next $_i" ;;
				esac
			done
		done
		_todo=$_next
	done | LC_ALL=C sort -u
}

# tokens FILE: the class tokens of FILE's class attributes, one a line;
# <?cs var:x ?> becomes {x}, other tags separate tokens.
tokens() {
	tr '\n\r\t' '   ' < "$1" |
	    grep -oE '[^A-Za-z0-9_-]class="([^"<]|<\?cs[^?]*\?>)*"' |
	    sed 's/^.class="//; s/"$//' |
	    sed 's/<?cs[[:space:]]*var:[[:space:]]*\([^ ?]*\)[[:space:]]*?>/{\1}/g' |
	    sed 's/<?cs[^?]*?>/ /g' | tr ' ' '\n' | sed '/^$/d' |
	    LC_ALL=C sort -u
}

# check SRCDIR DYNAMIC HOOKS: print "file: class" for every class with no
# rule, "stale dynamic: ..." or "stale hook: ..." for unused entries, and
# "unlisted: file: token" for data-built classes missing from DYNAMIC.
# Returns 0 whatever it finds; the caller judges the output.
check() {
	_src=$1
	_tpl=$_src/templates
	_css=$_src/htdocs/static
	printf '%s\n' "$2" | sed '/^#/d; /^[[:space:]]*$/d' > "$tmp/dyn"
	printf '%s\n' "$3" | sed '/^#/d; /^[[:space:]]*$/d' > "$tmp/hooklines"
	awk '{ print $1 }' "$tmp/hooklines" > "$tmp/hooks"
	# Each stylesheet's selectors once (the scan is slow in awk).
	rm -f "$tmp"/sel.*
	for s in "$_css"/*.css; do
		[ -f "$s" ] && selectors "$s" > "$tmp/sel.${s##*/}"
	done
	cat "$tmp"/sel.* 2>/dev/null | LC_ALL=C sort -u > "$tmp/all"
	: > "$tmp/used-dyn"
	(cd "$_tpl" && find . -type f -name '*.cs' | sed 's|^\./||' |
	    LC_ALL=C sort) > "$tmp/files"
	while IFS= read -r f; do
		list=$(sheets "$_tpl" "$f")
		if [ -n "$list" ]; then
			for s in $list; do
				cat "$tmp/sel.$s" 2>/dev/null ||
				    echo "#   $f links a missing htdocs/static/$s" >&2
			done | LC_ALL=C sort -u > "$tmp/have"
		else
			cp "$tmp/all" "$tmp/have"
		fi
		tokens "$_tpl/$f" > "$tmp/tok"
		# Static classes: those in neither the rules nor the hooks.
		grep -v '{' "$tmp/tok" | grep -vxF -f "$tmp/have" |
		    grep -vxF -f "$tmp/hooks" | sed "s|^|$f: |"
		grep '{' "$tmp/tok" | while IFS= read -r t; do
			vals=$(awk -v f="$f" -v t="$t" \
			    '$1 == f && $2 == t { for (i = 3; i <= NF; i++) print $i; found = 1 }
			    END { if (!found) print "\001" }' "$tmp/dyn")
			if [ "$vals" = "$(printf '\001')" ]; then
				echo "unlisted: $f: $t"
				continue
			fi
			echo "$f $t" >> "$tmp/used-dyn"
			for v in $vals; do
				[ "$v" = "-" ] && v=
				c=$(printf '%s' "$t" | sed 's/{[^}]*}/'"$v"'/')
				[ -n "$c" ] || continue
				grep -qxF -- "$c" "$tmp/have" ||
				    echo "$f: $c (from $t)"
			done
		done
	done < "$tmp/files"
	while read -r f t rest; do
		grep -qxF -- "$f $t" "$tmp/used-dyn" ||
		    echo "stale dynamic: $f $t"
	done < "$tmp/dyn"
	while read -r h rest; do
		cat "$_css"/*.js 2>/dev/null | grep -qw -- "$h" ||
		    echo "stale hook: $h (in no script)"
	done < "$tmp/hooklines"
}

if [ ! -d "$srcdir/templates" ] || [ ! -d "$srcdir/htdocs/static" ]; then
	echo "Bail out! no templates or htdocs/static under $srcdir"
	exit 1
fi

# Self-test: a fabricated tree where "known" has a rule, "ghost" has none
# (only in a declaration and a comment), "hooked" is a script hook, and
# "tone-{x}" is listed with one value that has a rule and one that has
# none; "loose-{y}" is not listed at all.
st=$tmp/self
mkdir -p "$st/templates/p" "$st/htdocs/static"
cat > "$st/templates/p/page.cs" <<'EOF'
<?cs include:"p/head.cs" ?>
<div class="known ghost<?cs if:a ?> hooked<?cs /if ?>">
<span class="tone-<?cs var:x ?>"></span><span class="loose-<?cs var:y ?>"></span>
</div>
EOF
printf '%s\n' '<link rel="stylesheet" href="/static/a.css">' \
    > "$st/templates/p/head.cs"
cat > "$st/htdocs/static/a.css" <<'EOF'
/* .ghost is only named in a comment */
.known { margin: 0.5rem; background: url(x.ghost); }
@media (max-width: 40rem) { .tone-up { color: red; } }
EOF
printf '%s\n' '.unlinked, .ghost { color: red; }' > "$st/htdocs/static/b.css"
printf '%s\n' 'document.querySelector(".hooked");' > "$st/htdocs/static/s.js"
out=$(check "$st" 'p/page.cs tone-{x} up down
p/none.cs gone-{z} a' 'hooked s.js
unused s.js')
want='p/page.cs: ghost
p/page.cs: tone-down (from tone-{x})
stale dynamic: p/none.cs gone-{z}
stale hook: unused (in no script)
unlisted: p/page.cs: loose-{y}'
got=$(printf '%s\n' "$out" | LC_ALL=C sort)
if [ "$got" = "$want" ]; then
	ok 0 "self-test: a fabricated template with missing classes fails"
else
	ok 1 "self-test: a fabricated template with missing classes fails"
	printf '%s\n' "$got" | sed 's/^/#   got: /'
fi

# The real tree: one test per template, plus one for the lists.
out=$(check "$srcdir" "$DYNAMIC" "$HOOKS")
printf '%s\n' "$out" > "$tmp/out"
while IFS= read -r f; do
	bad=$(grep -E "^(unlisted: )?$f: " "$tmp/out")
	if [ -z "$bad" ]; then
		ok 0 "$f: every class has a rule in its stylesheets"
	else
		ok 1 "$f: every class has a rule in its stylesheets"
		printf '%s\n' "$bad" | sed 's/^/#   no rule: /'
	fi
done < "$tmp/files"
bad=$(grep -E '^stale ' "$tmp/out")
if [ -z "$bad" ]; then
	ok 0 "the dynamic-class and script-hook lists have no stale entries"
else
	ok 1 "the dynamic-class and script-hook lists have no stale entries"
	printf '%s\n' "$bad" | sed 's/^/#   /'
fi

echo "1..$n"
[ "$failed" -eq 0 ]
