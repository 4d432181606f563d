# Sourced by bench/measure.sh: its timing rounds.
#
# rounds_script FILE: the psql script that runs every query of FILE (see
# bench/query.sh) once to warm up, then REPEATS rounds, each in its own
# shuffled order (seeded by the round: repeatable), printing "@@ round name"
# before each and psql's \timing after it (output discarded).  Not a
# rotation: a rotation keeps every query behind the same one, so whatever
# that one leaves behind (memory to give back, dirty pages, temporary files)
# would weigh on it in every round.
rounds_script() {
	local file=$1 round name
	local names=($(sed -n 's/^-- name: //p' "$file"))
	echo '\o /dev/null'
	for ((round = 0; round <= REPEATS; round++)); do
		for name in $(printf '%s\n' "${names[@]}" |
			shuf --random-source=<(for i in $(seq 64); do echo "$round $i" | sha256sum; done)); do
			[ $round -eq 0 ] && echo '\timing off' || echo '\timing on'
			echo "\\echo @@ $round $name"
			bash bench/query.sh "$name" "$file"
		done
	done
}
