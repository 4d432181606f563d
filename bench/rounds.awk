# Read by awk together with a report's own program (bench/measure.sh):
# parses the output of rounds_script (bench/rounds.sh) into
# t[round, name] and times[name] ("@@ round name" then "Time: X ms"; round
# 0 is the warm-up), and gives median() and ratio().  Each ratio is the
# median over rounds of the ratio within a round, whose queries ran minutes
# apart at most: on a machine whose speed drifts (see BENCHMARKS.md) that
# is steadier than a ratio of medians.
function median(list,    a, n, i, j, x) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) {
		x = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function ratio(name, base,    r, list) {
	list = ""
	for (r = 1; r <= rounds; r++) list = list " " t[r, name] / t[r, base]
	return median(list)
}
/^@@ / { round = $2; name = $3; next }
/^Time: / && round > 0 && name != "" {
	t[round, name] = $2; times[name] = times[name] " " $2; name = ""
	if (round > rounds) rounds = round
}
