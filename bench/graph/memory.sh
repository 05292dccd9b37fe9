#!/usr/bin/env bash
# bench/graph/memory.sh — does a graph of 100 M edges fit in 2 GB of heap?
#
# Generates a seeded Chung–Lu power-law edge list (EDGES lines "u v" over NODES nodes, degree exponent
# 2.5) under the work directory, once, in its own JVM; then reads it with EdgeListReader as an
# undirected graph in a JVM limited to HEAP (-Xmx) and prints one JSON line: whether it fitted, the
# peak heap in use (sampled every 5 ms, garbage included), the peak after a collection (live data),
# the heap retained by the built graph with its names, Graph.memoryBytes(), nodes, edges, seconds.
# The JSON is also written to WORK/memory-EDGES.json. The edge list (~1.7 GB at 100 M edges) is deleted
# at the end unless --keep. It runs the jars in core/target and graph/target (built when missing:
# rebuild them after a change, `./mvnw -q -pl core,graph -am install -DskipTests`).
#
#   bench/graph/memory.sh                                  # 100 M edges, 10 M nodes, -Xmx2g
#   bench/graph/memory.sh --edges 1000000 --nodes 100000   # a quick check of the script
#
# Options:
#   --edges N   edge lines (default 100000000)      --nodes N   nodes (default 10000000)
#   --heap H    the -Xmx of the reading JVM (2g)     --seed S    generator seed (1)
#   --work DIR  edge list and results (default /tmp/thymus-graph-memory; never the repository)
#   --keep      keep the edge list for another run
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
EDGES=100000000 NODES=10000000 HEAP=2g SEED=1 WORK=/tmp/thymus-graph-memory KEEP=0

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --edges) EDGES="$2"; shift 2 ;;
    --nodes) NODES="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage ;;
    *) echo "memory.sh: unknown option $1" >&2; usage 2 ;;
  esac
done

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
CORE_JAR="$ROOT/core/target/thymus-core-0.1.0-SNAPSHOT.jar"
GRAPH_JAR="$ROOT/graph/target/thymus-graph-0.1.0-SNAPSHOT.jar"
if [ ! -f "$CORE_JAR" ] || [ ! -f "$GRAPH_JAR" ]; then
  (cd "$ROOT" && ./mvnw -q -pl core,graph -am package -DskipTests)
fi
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CORE_JAR:$GRAPH_JAR" "$HERE/GraphMemory.java"
CP="$CORE_JAR:$GRAPH_JAR:$WORK/classes"

EDGE_LIST="$WORK/chung-lu-$EDGES-$NODES-$SEED.txt"
if [ ! -f "$EDGE_LIST" ]; then
  echo "generating $EDGE_LIST" >&2
  "$JAVA" -Xmx1g -cp "$CP" GraphMemory generate "$EDGE_LIST" "$EDGES" "$NODES" "$SEED"
fi
echo "reading it with -Xmx$HEAP" >&2
STATUS=0
"$JAVA" "-Xmx$HEAP" -cp "$CP" GraphMemory load "$EDGE_LIST" | tee "$WORK/memory-$EDGES.json" || STATUS=$?
[ "$KEEP" = 1 ] || rm -f "$EDGE_LIST"
exit "$STATUS"
