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
rm -f "$archive"
# The launcher's own heap and GC options (pom.xml app.jvm.options).
"$java" -Xmx128m -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$classpath" org.tokendesk.cli.ClassDataTraining
[ -s "$archive" ]
