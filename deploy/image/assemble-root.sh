#!/usr/bin/env bash
# Assembles the base layer of Keybridge's container image without a registry or a container daemon:
# a Java runtime made with jlink from the JDK 25 that builds (only the modules the server needs), the
# shared libraries it and the embedded PostgreSQL load, taken from this machine, /bin/sh and kill
# (pg_ctl starts postgres through /bin/sh; a stale postmaster is stopped with kill), and the
# /etc/passwd and /etc/group lines of the image's user (uid 10001: initdb looks its name up).
# Jib puts this directory under / (FROM scratch). Usage: assemble-root.sh <java home> <output dir>.
# Reuses the output when it is there already (delete it, or `mvn clean`, to make it again).
set -euo pipefail
JAVA_HOME_IN="$1"
# Maven may run on an older JDK (the toolchain compiles with 25): jlink with the launcher's JDK 25 then.
if ! "$JAVA_HOME_IN/bin/jlink" --version 2>/dev/null | grep -qE '^(2[5-9]|[3-9][0-9])'; then
  JAVA_HOME_IN="$("$(dirname "$0")/../../keybridge" java-home)"
fi
OUT="$2"
if [ -x "$OUT/opt/java/bin/java" ] && [ -f "$OUT/etc/passwd" ]; then
  echo "image root: reusing $OUT"
  exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT/opt" "$OUT/etc" "$OUT/bin"
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata
"$JAVA_HOME_IN/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress zip-6 --output "$OUT/opt/java"
# Everything the runtime's binaries and libraries, sh and kill link against, at the same paths.
copy_deps() {
  ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
    [ -e "$lib" ] || continue
    case "$lib" in "$OUT"/*) continue ;; esac # the runtime's own libraries ($ORIGIN), already there
    mkdir -p "$OUT$(dirname "$lib")"
    [ -e "$OUT$lib" ] || cp -L "$lib" "$OUT$lib"
  done
}
cp -L /bin/sh "$OUT/bin/sh"
cp -L /usr/bin/kill "$OUT/bin/kill"
for f in "$OUT/bin/sh" "$OUT/bin/kill" $(find "$OUT/opt/java" -type f \( -name "*.so" -o -perm -u+x \) | grep -v -e awt_xawt -e jsound -e splashscreen); do
  copy_deps "$f"
done
# The embedded PostgreSQL's binaries are bundled with their own libraries but link glibc's.
for extra in libpthread.so.0 libdl.so.2 librt.so.1 libm.so.6 libz.so.1 libstdc++.so.6 libgcc_s.so.1; do
  src=$(ldconfig -p | grep -m1 "^[[:space:]]$extra " | awk '{print $NF}' || true)
  if [ -z "$src" ]; then
    echo "image root: $extra not found on this machine; the embedded PostgreSQL may not start in the image" >&2
  elif [ ! -e "$OUT$src" ]; then
    mkdir -p "$OUT$(dirname "$src")"
    cp -L "$src" "$OUT$src"
  fi
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nkeybridge:x:10001:10001:Keybridge:/data:/sbin/nologin\n' >"$OUT/etc/passwd"
printf 'root:x:0:\nkeybridge:x:10001:\n' >"$OUT/etc/group"
echo "image root: $(du -sh "$OUT" | cut -f1) in $OUT"
