#!/bin/bash
# startup.sh: start-up figures of issue 18, side by side with actionlint.
# Measures the CPU time (user + system) per invocation of
#
#   coordc version
#   coordc lint ONEFILE           (one coordinator of the shared corpus)
#   coordc lint CORPUS            (../shared/corpus/oozie, one invocation)
#   actionlint -version           (when actionlint is installed)
#   actionlint ONEWORKFLOW        (a small GitHub Actions workflow)
#
# in interleaved rounds, so that a change in the machine's load hits every
# case alike, and prints per case the median and the range of the rounds'
# means, in milliseconds. With perf installed each round is
# `perf stat -r REPS` (task-clock); without it, a loop timed by the shell's
# `times`.
#
#   testdata/bench/startup.sh [COORDC [ACTIONLINT]]
#
# COORDC defaults to a build of this checkout as the Makefile builds it
# (-tags urfave_cli_no_docs); ACTIONLINT to actionlint on PATH or in
# $(go env GOPATH)/bin (go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12).
# BEFORE=path/to/an/older/coordc adds its three cases to the same rounds, for
# before/after figures from one run. ROUNDS (default 7) and REPS (default 40; the corpus case runs REPS/10)
# size the run. Run it from the repository root with ../shared beside it.
set -euo pipefail
rounds=${ROUNDS:-7}
reps=${REPS:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

coordc=${1:-}
if [ -z "$coordc" ]; then
	coordc=$work/coordc
	CGO_ENABLED=0 go build -trimpath -tags urfave_cli_no_docs -o "$coordc" ./cmd/coordc
fi
actionlint=${2:-$(command -v actionlint || true)}
if [ -z "$actionlint" ] && [ -x "$(go env GOPATH)/bin/actionlint" ]; then
	actionlint=$(go env GOPATH)/bin/actionlint
fi
corpus=../shared/corpus/oozie
onefile=$corpus/AadilShaik24__big-data-project/oozie__coord__coordinator.xml
cat >"$work/ci.yml" <<'YAML'
name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: go test ./...
YAML

names=("coordc version" "coordc lint ONEFILE" "coordc lint CORPUS")
cmds=("$coordc version" "$coordc lint $onefile" "$coordc lint $corpus")
divs=(1 1 10)
if [ -n "${BEFORE:-}" ]; then
	names+=("before: version" "before: lint ONEFILE" "before: lint CORPUS")
	cmds+=("$BEFORE version" "$BEFORE lint $onefile" "$BEFORE lint $corpus")
	divs+=(1 1 10)
fi
if [ -n "$actionlint" ]; then
	names+=("actionlint -version" "actionlint ONEWORKFLOW")
	cmds+=("$actionlint -version" "$actionlint $work/ci.yml")
	divs+=(1 1)
fi

# cpu_ms CMD N prints the mean CPU milliseconds of N runs of CMD.
cpu_ms() {
	local cmd=$1 n=$2
	if command -v perf >/dev/null; then
		# perf's -x, output: value,unit,event,...; task-clock is in msec.
		# (CMD exits 1 on findings; perf stat reports it regardless.)
		{ perf stat -x, -e task-clock -r "$n" $cmd 2>&1 >/dev/null || true; } | awk -F, '$3 ~ /task-clock/ {printf "%.2f", $1}'
		return
	fi
	local before after
	before=$(times | tail -1)
	for ((i = 0; i < n; i++)); do $cmd >/dev/null 2>&1 || true; done
	after=$(times | tail -1)
	# times prints "XmY.YYYs XmY.YYYs" (children's user and system).
	awk -v b="$before" -v a="$after" -v n="$n" 'function s(t,  m) { split(t, m, /[ms]/); return m[1] * 60 + m[2] }
		BEGIN { split(b, x, " "); split(a, y, " "); printf "%.2f", (s(y[1]) + s(y[2]) - s(x[1]) - s(x[2])) * 1000 / n }'
}

for ((i = 0; i < ${#cmds[@]}; i++)); do : >"$work/case$i"; done
for ((r = 0; r < rounds; r++)); do
	for ((i = 0; i < ${#cmds[@]}; i++)); do
		n=$((reps / ${divs[i]}))
		cpu_ms "${cmds[i]}" $((n > 0 ? n : 1)) >>"$work/case$i"
		echo >>"$work/case$i"
	done
done

echo "CPU per invocation (ms): median [min-max] of $rounds rounds; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < ${#cmds[@]}; i++)); do
	sort -n "$work/case$i" | awk -v name="${names[i]}" '{v[NR] = $1} END {printf "%-24s %8.2f [%.2f-%.2f]\n", name, v[int((NR + 1) / 2)], v[1], v[NR]}'
done
