#!/usr/bin/env python3
"""Where the CPU goes, from collapsed stacks: each sample is given to the innermost area its stack
passes through (walking from the leaf to the root; "other" when none), so the shares add up to 100%;
then the 20 hottest leaf frames.
   top.py <in.collapsed>"""
import collections, gzip, sys

AREAS = [  # (label, substrings of a frame name; the first match in a stack counts)
    ("proxy: Keybridge's forwarder", ["keybridge/proxy/"]),
    ("outgoing HTTP client (egress: Apache HttpClient 5 behind the JDK HttpClient API)", ["org/apache/hc/", "jdk/internal/net/http/"]),
    ("authentication (CredentialFilter)", ["keybridge/auth/CredentialFilter"]),
    ("connection lookup", ["keybridge/connection/ConnectionLookup"]),
    ("PostgreSQL JDBC driver", ["org/postgresql/"]),
    ("Hikari pool", ["com/zaxxer/hikari/"]),
    ("Spring Security filter chain", ["org/springframework/security/"]),
    ("Spring MVC dispatch", ["org/springframework/web/servlet/DispatcherServlet"]),
    ("Tomcat (HTTP/1.1 server side)", ["org/apache/coyote/", "org/apache/tomcat/util/net/"]),
    ("JSON (Jackson)", ["tools/jackson/", "com/fasterxml/jackson/"]),
    ("logging (Logback)", ["ch/qos/logback/"]),
    ("metrics (Micrometer)", ["io/micrometer/"]),
    ("GC threads", ["GCTaskThread", "G1", "ZThread", "SerialHeap", "ParallelGC"]),
    ("JIT compiler threads", ["CompileBroker", "C2Compiler", "C1Compiler", "Compile::"]),
    ("Tomcat's worker threads outside a request", ["java/lang/VirtualThread", "java/util/concurrent/ForkJoin"]),
]

def innermost(frames):
    for f in reversed(frames):
        for label, keys in AREAS:
            if any(k in f for k in keys):
                return label
    return "other"

def main():
    total = 0
    areas = collections.Counter()
    leaves = collections.Counter()
    for line in (gzip.open(sys.argv[1], "rt", encoding="utf-8", errors="replace") if sys.argv[1].endswith(".gz") else open(sys.argv[1], encoding="utf-8", errors="replace")):
        line = line.rstrip("\n")
        if " " not in line:
            continue
        stack, n = line.rsplit(" ", 1)
        n = int(n)
        total += n
        frames = stack.split(";")
        areas[innermost(frames)] += n
        leaves[frames[-1]] += n
    print(f"samples: {total}")
    for label in [a for a, _ in AREAS] + ["other"]:
        print(f"{100.0 * areas[label] / max(total, 1):6.1f}%  {label}")
    print("hottest leaf frames:")
    for f, n in leaves.most_common(20):
        print(f"{100.0 * n / max(total, 1):6.1f}%  {f[:140]}")

if __name__ == "__main__":
    main()
