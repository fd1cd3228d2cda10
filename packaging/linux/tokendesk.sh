#!/bin/sh
# The `tokendesk` command and the menu entry on Linux. Starts the bundled runtime as bin/TokenDesk
# does, from TokenDesk.cfg's class path, main class and options, without the 0.2-0.3 s that JDK
# 17's native launcher spends at every start asking rpm and dpkg (twice each) which package it
# belongs to. Command-line runs (any argument) use the quick JIT tier alone, as target/app/bin does.
# TOKENDESK_JAVA_OPTS adds JVM options.
self=$(readlink -f "$0")
app=$(dirname "$self")
cfg="$app/TokenDesk.cfg"
classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|^\\\$APPDIR|$app|" | paste -sd: -)
options=$(sed -n 's/^java-options=//p' "$cfg" | sed "s|\\\$APPDIR|$app|g")
main=$(sed -n 's/^app\.mainclass=//p' "$cfg")
mode=
if [ $# -gt 0 ]; then mode=-XX:TieredStopAtLevel=1; fi
# shellcheck disable=SC2086 # one option per word, as TokenDesk.cfg lists them
exec "$app/../runtime/bin/java" $options $mode $TOKENDESK_JAVA_OPTS -cp "$classpath" "$main" "$@"
