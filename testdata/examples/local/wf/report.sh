#!/bin/sh
# report.sh DAY PREVIOUS OUTPUT
# Writes OUTPUT/report.txt: the previous day's report (when PREVIOUS is not
# empty) plus a line for DAY, and prints "lines=<count>" for capture-output.
# PREVIOUS and OUTPUT are file:// URIs or paths.
set -eu
day=$1
previous=${2#file://}
output=${3#file://}
mkdir -p "$output"
if [ -n "$previous" ]; then
  cat "$previous/report.txt" >"$output/report.txt.tmp"
else
  : >"$output/report.txt.tmp"
fi
echo "report for $day" >>"$output/report.txt.tmp"
mv "$output/report.txt.tmp" "$output/report.txt"
echo "lines=$(wc -l <"$output/report.txt" | tr -d ' ')"
