# tap.sh: the TAP helper the lint scripts share (sourced, not run).
# ok STATUS NAME prints one result line (STATUS 0 is a pass) and counts
# failures in $failed; $n is the number of results so far.

n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
