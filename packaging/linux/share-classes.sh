#!/bin/sh
# Writes tokendesk.jsa beside TokenDesk's jars: a class-data-sharing archive of the classes a short
# run of the CLI loads (org.tokendesk.cli.ClassDataTraining), which the launcher maps at start
# instead of loading them from the jars (TokenDesk.cfg: -XX:SharedArchiveFile=$APPDIR/tokendesk.jsa).
# A one-token `tokendesk check` starts about 0.2 s sooner. Run by the package's postinst / %post:
# the archive names the installed jars by path and JDK 17 cannot move it, so it cannot be made at
# build time. Without it, or when it no longer matches, the JVM silently starts without it.
# Usage: share-classes.sh [APPDIR]   (default: the folder holding this script)
set -eu
app=${1:-$(cd "$(dirname "$0")" && pwd -P)}
java="$app/../runtime/bin/java"
archive="$app/tokendesk.jsa"
# The class path exactly as the launcher builds it from TokenDesk.cfg: an archive is used only with
# the class path it was written with.
classpath=$(sed -n 's/^app\.classpath=//p' "$app/TokenDesk.cfg" | sed "s|^\\\$APPDIR|$app|" | paste -sd: -)
# The launcher's own options (heap, GC: an archive is refused by a JVM set up differently), but for
# the archive it reads, which would stand for the base archive beside -XX:ArchiveClassesAtExit.
options=$(sed -n 's/^java-options=//p' "$app/TokenDesk.cfg" | grep -v '^-XX:SharedArchiveFile=')
rm -f "$archive"
# shellcheck disable=SC2086 # one option per word, as TokenDesk.cfg lists them
"$java" $options -XX:ArchiveClassesAtExit="$archive" -cp "$classpath" org.tokendesk.cli.ClassDataTraining
[ -s "$archive" ]
