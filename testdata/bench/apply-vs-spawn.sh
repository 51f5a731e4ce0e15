#!/bin/sh
# apply-vs-spawn.sh: side-by-side figure of issue 18. Runs, in one go on
# the same machine, `coordc apply --until-done` of N trivial shell actions
# (a coordinator of frequency 5 minutes whose window lies in the past, so
# every action is due at once; concurrency 50) and the spawn floor: the
# same number of bare `sh -c true` launches, 50 at a time. Prints both wall
# times, their ratio and the load average.
#
#   testdata/bench/apply-vs-spawn.sh [COORDC] [DAYS]
#
# COORDC defaults to `coordc` on PATH; DAYS (default 30: 8,640 actions)
# scales the run. Needs /bin/sh, xargs and date. The work directory is
# made with mktemp -d, so TMPDIR chooses its file system (TMPDIR=/dev/shm:
# tmpfs). On ext4 without a journal new inodes are slow for a few minutes
# after many were freed, and this script frees its 50,000 at exit: runs
# closer than about six minutes apart slow each other down (README,
# Figures). KEEP=DIR moves the work directory into DIR at exit instead of
# deleting it, so that runs one after the other never follow a mass
# delete; remove DIR when done.
set -eu
coordc=${1:-coordc}
days=${2:-30}
n=$((days * 288))
conc=50
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then
	mkdir -p "$KEEP"
	trap 'mv "$work" "$KEEP"/' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi

today=$(($(date -u +%s) / 86400 * 86400))
end=$(date -u -d "@$today" +%Y-%m-%dT%H:%MZ)
start=$(date -u -d "@$((today - days * 86400))" +%Y-%m-%dT%H:%MZ)
mkdir -p "$work/app/wf"
cat >"$work/app/coordinator.xml" <<XML
<coordinator-app name="bench" frequency="\${coord:minutes(5)}" start="$start" end="$end" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>$conc</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
XML
cat >"$work/app/wf/workflow.xml" <<'XML'
<workflow-app name="bench-wf" xmlns="uri:oozie:workflow:0.4">
  <start to="run"/>
  <action name="run"><shell xmlns="uri:oozie:shell-action:0.2"><exec>true</exec></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
XML

now() { date +%s.%N; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(now)
seq "$n" | xargs -P "$conc" -n 1 sh -c true
t1=$(now)
spawn=$(echo "$t1 - $t0" | bc)

t0=$(now)
"$coordc" apply --until-done --log-level warn --state "$work/state.db" "$work/app/coordinator.xml"
t1=$(now)
apply=$(echo "$t1 - $t0" | bc)

done=$("$coordc" status --len 0 --state "$work/state.db" -o json | tr -d '\n' | sed 's/^.*"actions"://' | grep -o '"SUCCEEDED"' | wc -l)
echo "actions: $n (succeeded: $done), concurrency $conc"
echo "spawn floor (sh -c true, $conc at a time): ${spawn}s"
echo "coordc apply --until-done: ${apply}s"
echo "ratio: $(echo "scale=2; $apply / $spawn" | bc)x"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
