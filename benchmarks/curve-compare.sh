#!/usr/bin/env bash
# CURVE beside libzmq, in one run: PUSH/PULL throughput at 64 B, 1 KB and 64 KB, REQ/REP
# latency and handshakes per second, for every client library (libzmq, Gannet, JeroMQ)
# against every server library that can be a CURVE server. Uses the perf tools with
# PERF_CURVE=1 (fixed benchmark keys, no ZAP handler). Prints a Markdown table.
#
#   benchmarks/curve-compare.sh              # about 10 minutes on 2 loaded cores
#   QUICK=1 benchmarks/curve-compare.sh      # a tenth of the counts: a smoke run
#   SKIP_BUILD=1 ...                         # reuse benchmarks/target/benchmarks.jar
#   SERVERS="libzmq gannet" CLIENTS="libzmq gannet jeromq" ...
# Needs: a JDK 17+, Maven, gcc and libzmq3-dev (apt-get install -y libzmq3-dev).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
jar="$root/benchmarks/target/benchmarks.jar"
ctools="$root/benchmarks/target/c"
mkdir -p "$ctools"
for tool in local_thr remote_thr local_lat remote_lat remote_hs; do
  gcc -O2 -Wall -Wextra -o "$ctools/$tool" "$here/src/main/c/$tool.c" -lzmq
done

scale=1
[[ -n "${QUICK:-}" ]] && scale=10
servers="${SERVERS:-libzmq gannet jeromq}"
clients="${CLIENTS:-libzmq gannet jeromq}"
export PERF_CURVE=1
port=$((20000 + RANDOM % 20000))

# tool LIB NAME ARGS...: runs perf tool NAME (local_thr, remote_hs...) of library LIB.
tool() {
  local lib="$1" name="$2"
  shift 2
  case "$lib" in
    libzmq) "$ctools/$name" "$@" ;;
    *)
      local class
      case "$name" in
        local_thr) class=LocalThr ;; remote_thr) class=RemoteThr ;;
        local_lat) class=LocalLat ;; remote_lat) class=RemoteLat ;;
        remote_hs) class=RemoteHandshake ;;
      esac
      java -Xmx512m -Dgannet.perf.lib="$lib" -cp "$jar" "io.gannet.benchmarks.perf.$class" "$@" ;;
  esac
}

# pair SERVER CLIENT SERVER_TOOL CLIENT_TOOL SIZE COUNT WARMUP SERVER_COUNT PATTERN:
# prints the number matching PATTERN in either side's output, or "-" if a side failed.
pair() {
  local server="$1" client="$2" stool="$3" ctool="$4" size="$5" count="$6" warm="$7" scount="$8" pattern="$9"
  port=$((port + 1))
  local out
  out="$(mktemp)"
  tool "$server" "$stool" "tcp://127.0.0.1:$port" "$size" "$scount" "$warm" >"$out" 2>&1 &
  local spid=$!
  sleep 2
  if ! kill -0 "$spid" 2>/dev/null; then # the server could not start (no CURVE server in that library)
    wait "$spid" || true
    rm -f "$out"
    echo "-"
    return
  fi
  if ! timeout 300 bash -c "$(declare -f tool); ctools='$ctools' jar='$jar' tool '$client' '$ctool' 'tcp://127.0.0.1:$port' '$size' '$count' '$warm'" >>"$out" 2>&1; then
    kill "$spid" 2>/dev/null || true
  fi
  if ! wait "$spid"; then
    echo "-"
  else
    sed -n "s/^$pattern: \([0-9.]*\).*/\1/p" "$out" | head -1
  fi
  rm -f "$out"
}

echo "| server | client | 64 B msg/s | 1 KB msg/s | 64 KB msg/s | latency 64 B (us, half round trip) | handshakes/s |"
echo "|---|---|---|---|---|---|---|"
for s in $servers; do
  for c in $clients; do
    t64=$(pair "$s" "$c" local_thr remote_thr 64 $((1000000 / scale)) $((100000 / scale)) $((1000000 / scale)) "mean throughput")
    t1k=$(pair "$s" "$c" local_thr remote_thr 1024 $((300000 / scale)) $((30000 / scale)) $((300000 / scale)) "mean throughput")
    t64k=$(pair "$s" "$c" local_thr remote_thr 65536 $((20000 / scale)) $((2000 / scale)) $((20000 / scale)) "mean throughput")
    lat=$(pair "$s" "$c" local_lat remote_lat 64 $((20000 / scale)) $((5000 / scale)) $((20000 / scale)) "average latency")
    hs=$(pair "$s" "$c" local_lat remote_hs 1 $((1000 / scale)) $((200 / scale)) $((1000 / scale)) "handshake rate")
    echo "| $s | $c | $t64 | $t1k | $t64k | $lat | $hs |"
  done
done
