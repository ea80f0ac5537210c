#!/usr/bin/env bash
# tests/bench/verify/run.sh: figures of /verify (issue 17, item 5), never
# pass/fail, loopback only. In one sitting, through a bench-only nginx
# on BENCH_PORT (state in var/bench-verify-<env>/, stopped at the end):
#   (b) /hello: hello-fcgi (tests/bench/transport) answering a constant
#       body the size of the verdict page: the transport's limit;
#   (c) /verify: havre-civil's empty form (no database);
#   (d) /verify?serial=...: a genuine document's verdict: the register
#       look-up, the Ed25519 verification (keyring cached per worker),
#       the render;
# each with wrk -t2 -c16 -dBENCH_DURATION s, req/s with the ratios c/b
# and d/b; then the VmRSS of each havre-civil worker before and after
# the measures; then the time to produce one certificate PDF
# (tests/bench/certify/bench: certify_issue in a loop).
# Uses the stack of HAVRE_ENV (dev) and its ports, started when its
# /healthz does not answer; the document is made with
# tests/bench/verify/setup.mjs (a signing key, a node-signed payload).
#
# Environment: HAVRE_ENV (dev), HAVRE_BUILD (build/), HAVRE_INTRANET_PORT
# (8080), BENCH_PORT (8092), BENCH_DURATION (seconds a measure, 5),
# BENCH_DOCS (certificates for the PDF figure, 20).
set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=${HAVRE_BUILD:-$SRCDIR/build}
PORT=${BENCH_PORT:-8092}
DURATION=${BENCH_DURATION:-5}
DOCS=${BENCH_DOCS:-20}
ENV_NAME=${HAVRE_ENV:-dev}
[[ $ENV_NAME =~ ^[a-z0-9_-]+$ ]] || { echo "bad HAVRE_ENV" >&2; exit 1; }
for v in "$PORT" "$DURATION" "$DOCS"; do
	[[ $v =~ ^[0-9]+$ ]] || { echo "bad BENCH_* value: $v" >&2; exit 2; }
done
((DURATION >= 1 && DURATION <= 60 && DOCS >= 1 && DOCS <= 500)) ||
	{ echo "bounds: 1 <= duration <= 60 s, 1 <= docs <= 500" >&2; exit 2; }
DEV_URL=http://127.0.0.1:${HAVRE_INTRANET_PORT:-8080}
VAR="$SRCDIR/var/$ENV_NAME"
RUN_DEV="$VAR/run"
BENCH="$SRCDIR/var/bench-verify-$ENV_NAME"
HELLO="$BUILD/tests/bench/transport/hello-fcgi"
WORKERS=

say() { printf '%s\n' "$*" >&2; }

cleanup()
{
	local pid
	if [[ -s $BENCH/nginx/nginx.pid ]]; then
		pid=$(tr -dc '0-9' <"$BENCH/nginx/nginx.pid")
		[[ -n $pid ]] && kill -QUIT "$pid" 2>/dev/null || true
	fi
	if [[ -s $BENCH/hello.pid ]]; then
		while read -r pid || [[ -n $pid ]]; do
			[[ $pid =~ ^[0-9]+$ ]] && kill -TERM "$pid" 2>/dev/null || true
		done <"$BENCH/hello.pid"
	fi
	sleep 0.5
	rm -f "$BENCH/hello.pid" "$BENCH/hello.sock"
}

# wrk on URL: "req/s p50_ms p99_ms requests non2xx".
measure()
{
	wrk -t2 -c16 -d"${DURATION}s" --latency "$1" | awk '
	function ms(v) {
		if (v ~ /us$/) return sprintf("%.2f", v / 1000)
		if (v ~ /ms$/) return sprintf("%.2f", v + 0)
		if (v ~ /s$/) return sprintf("%.2f", v * 1000)
		return v
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/requests in/ { n = $1 }
	/^Requests\/sec:/ { rps = $2 }
	/Non-2xx/ { bad = $NF }
	END { printf("%.0f %s %s %d %d\n", rps, p50, p99, n, bad) }'
}

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo '?'; }

command -v wrk >/dev/null || { say "wrk is not installed"; exit 1; }
command -v spawn-fcgi >/dev/null || { say "spawn-fcgi is not installed"; exit 1; }
command -v node >/dev/null || { say "node is not installed"; exit 1; }

code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$DEV_URL/healthz" || true)
if [[ $code != 200 ]]; then
	say "starting the $ENV_NAME stack (contrib/dev up)"
	HAVRE_ENV=$ENV_NAME "$SRCDIR/contrib/dev" up >&2
fi
[[ -S $RUN_DEV/havre-civil.sock ]] || { say "no havre-civil socket in $RUN_DEV"; exit 1; }
make -s -C "$BUILD" bench-progs >&2

mapfile -t doc < <(HAVRE_CONFIG="$VAR/havre.hdf" HAVRE_ADMIN="$BUILD/havre-admin" \
    node "$SRCDIR/tests/bench/verify/setup.mjs")
serial=${doc[0]}
[[ $serial =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]] || { say "setup failed"; exit 1; }

trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup
mkdir -p "$BENCH/nginx/tmp" "$BENCH/log"

user_line="# unprivileged"
[[ $EUID -eq 0 ]] && user_line="user root;"
write_conf()
{
	cat >"$BENCH/nginx/nginx.conf" <<-EOC
	$user_line
	worker_processes 2;
	pid $BENCH/nginx/nginx.pid;
	error_log $BENCH/log/nginx-error.log warn;
	events { worker_connections 1024; }
	http {
		client_body_temp_path $BENCH/nginx/tmp/client_body;
		fastcgi_temp_path $BENCH/nginx/tmp/fastcgi;
		proxy_temp_path $BENCH/nginx/tmp/proxy;
		uwsgi_temp_path $BENCH/nginx/tmp/uwsgi;
		scgi_temp_path $BENCH/nginx/tmp/scgi;
		access_log off;
		server {
			listen 127.0.0.1:$PORT;
			location = /hello {
				fastcgi_param HAVRE_VHOST public;
				fastcgi_param HAVRE_REQUEST_ID \$request_id;
				include /etc/nginx/fastcgi_params;
				fastcgi_pass unix:$BENCH/hello.sock;
			}
			location /verify {
				fastcgi_param HAVRE_VHOST public;
				fastcgi_param HAVRE_REQUEST_ID \$request_id;
				include /etc/nginx/fastcgi_params;
				fastcgi_pass unix:$RUN_DEV/havre-civil.sock;
			}
		}
	}
	EOC
}
write_conf
nginx -p "$BENCH/nginx" -c "$BENCH/nginx/nginx.conf" -e "$BENCH/log/nginx-error.log"
sleep 0.3
base=http://127.0.0.1:$PORT
verdict="$base/verify?serial=$serial&lang=en"
page=$(curl -s "$verdict")
grep -q 'Genuine and valid' <<<"$page" || { say "the verdict page is not 'Genuine and valid'"; exit 1; }
size=$(printf '%s' "$page" | wc -c)
# as many constant workers as havre-civil has
sup=$(tr -dc '0-9' <"$RUN_DEV/havre-civil.pid")
mapfile -t workers < <(ps -o pid= --ppid "$sup" | tr -d ' ')
((${#workers[@]} > 0)) || { say "no havre-civil workers"; exit 1; }
WORKERS=${#workers[@]}
spawn-fcgi -s "$BENCH/hello.sock" -M 0600 -F "$WORKERS" -P "$BENCH/hello.pid" -- \
    "$HELLO" "$size" >/dev/null
sleep 0.3
for u in /hello "/verify?lang=en"; do
	c=$(curl -s -o /dev/null -w '%{http_code}' "$base$u")
	[[ $c == 200 ]] || { say "$base$u answers $c"; exit 1; }
done

declare -A before=()
for w in "${workers[@]}"; do
	before[$w]=$(rss "$w")
done

say "measuring: wrk -t2 -c16 -d${DURATION}s, verdict page $size bytes"
read -r b_rps b_p50 b_p99 b_n b_bad < <(measure "$base/hello")
read -r c_rps c_p50 c_p99 c_n c_bad < <(measure "$base/verify?lang=en")
read -r d_rps d_p50 d_p99 d_n d_bad < <(measure "$verdict")

printf '\n/verify benchmark (loopback, wrk -t2 -c16 -d%ss, %s havre-civil workers)\n' \
    "$DURATION" "${#workers[@]}"
printf '%-44s %9s %8s %8s %7s\n' what 'req/s' 'p50 ms' 'p99 ms' 'non-2xx'
printf '%-44s %9s %8s %8s %7s\n' "(b) hello-fcgi, constant $size bytes (x$WORKERS)" \
    "$b_rps" "$b_p50" "$b_p99" "$b_bad"
printf '%-44s %9s %8s %8s %7s\n' '(c) /verify, the form (no database)' \
    "$c_rps" "$c_p50" "$c_p99" "$c_bad"
printf '%-44s %9s %8s %8s %7s\n' '(d) /verify?serial=, genuine and valid' \
    "$d_rps" "$d_p50" "$d_p99" "$d_bad"
awk -v b="$b_rps" -v c="$c_rps" -v d="$d_rps" 'BEGIN {
	if (b > 0) printf("c/b = %.2f   d/b = %.2f   (havre-civil versus the constant answer)\n", c / b, d / b)
}'
printf '\nhavre-civil workers after %d requests (VmRSS kB):\n' $((c_n + d_n))
for w in "${workers[@]}"; do
	printf '  pid %-8s before %6s  after %6s\n' "$w" "${before[$w]}" "$(rss "$w")"
done

printf '\none certificate PDF (tests/bench/certify, certify_issue x %s):\n' "$DOCS"
make -s -C "$BUILD" tests/bench/certify/bench >&2
"$BUILD/tests/bench/certify/bench" "$DOCS"
