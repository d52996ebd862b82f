#!/usr/bin/env bash
# Gannet's epgm:// beside libzmq's (4.3.x with OpenPGM), in the same run, at the same RATE,
# between two network namespaces joined by a veth pair (the setup of the epgm tests):
#   - sustained message rate, 64 B and 1 KB (publisher unpaced, queue unbounded, RATE-limited)
#   - one-way latency (p50/p99/p99.9/max), 64 B and 1 KB, at 1,000 messages per second
#   - loss recovery: the same latency run with 1% random loss on the subscriber's side; the
#     p99.9/max latency is the time a lost packet takes to be NAKed and repaired
#   - CPU of each process (utime + stime from /proc/<pid>/stat, read by each program): the
#     subscriber's from its first message to its last, the publisher's from "go" to its exit,
#     so a JVM's start-up and the wait for the other side are left out for both libraries
# Pairs are Gannet->Gannet and libzmq->libzmq, interleaved, repeated; medians are printed as a
# markdown table with Gannet/libzmq ratios.
#
#   sudo benchmarks/epgm-compare.sh                 # 3 repetitions, RATE 100000 kbit/s
#   REPS=5 RATE=1000000 benchmarks/epgm-compare.sh  # more repetitions, 1 Gbit/s
#   SKIP_BUILD=1 benchmarks/epgm-compare.sh         # reuse benchmarks/target/benchmarks.jar
#
# Needs root (ip netns, tc), iproute2, a JDK 17+, Maven, gcc and libzmq3-dev built with OpenPGM
# (Debian's is). The kernel needs veth, clsact and cls_bpf; netem is not used (random loss comes
# from a classic-BPF filter drawing "ld rand", which works on kernels without sch_netem).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

REPS="${REPS:-3}"
RATE="${RATE:-100000}"
THR_COUNT_64="${THR_COUNT_64:-300000}"
THR_COUNT_1K="${THR_COUNT_1K:-40000}"
LAT_COUNT="${LAT_COUNT:-5000}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
jar="$root/benchmarks/target/benchmarks.jar"
ctools="$root/benchmarks/target/c"
mkdir -p "$ctools"
gcc -O2 -Wall -Wextra -o "$ctools/epgm_perf" "$here/src/main/c/epgm_perf.c" -lzmq

ns="epgmb$$"
tmp="$(mktemp -d)"
cleanup() {
  ip netns del "$ns-a" 2>/dev/null || true
  ip netns del "$ns-b" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The lab: A (publisher) 10.251.0.1 <-veth-> B (subscriber) 10.251.0.2, multicast routed on each side.
ip netns add "$ns-a"
ip netns add "$ns-b"
ip link add "$ns-va" type veth peer name "$ns-vb"
ip link set "$ns-va" netns "$ns-a"
ip link set "$ns-vb" netns "$ns-b"
ip -n "$ns-a" addr add 10.251.0.1/24 dev "$ns-va"
ip -n "$ns-b" addr add 10.251.0.2/24 dev "$ns-vb"
for side in a b; do
  ip -n "$ns-$side" link set lo up
  ip -n "$ns-$side" link set "$ns-v$side" up
  ip -n "$ns-$side" route add 224.0.0.0/4 dev "$ns-v$side"
done
ip netns exec "$ns-b" tc qdisc add dev "$ns-vb" clsact

# Drops IPv4 UDP packets arriving at B with probability $1 (0 = no filter).
set_loss() {
  ip netns exec "$ns-b" tc filter del dev "$ns-vb" ingress 2>/dev/null || true
  if [[ "$1" != "0" ]]; then
    local threshold
    threshold="$(awk -v p="$1" 'BEGIN { printf "%d", p * 4294967296 }')"
    ip netns exec "$ns-b" tc filter add dev "$ns-vb" ingress bpf da bytecode \
      "8,40 0 0 4294963200,21 0 5 2048,48 0 0 23,21 0 3 17,32 0 0 4294963256,37 1 0 $threshold,6 0 0 2,6 0 0 0,"
  fi
}

peer() { # impl side args...
  local impl="$1" side="$2"
  shift 2
  if [[ "$impl" == gannet ]]; then
    ip netns exec "$ns-$side" java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -cp "$jar" io.gannet.benchmarks.epgm.EpgmPerf "$@"
  else
    ip netns exec "$ns-$side" "$ctools/epgm_perf" "$@"
  fi
}

await_line() { # file word seconds
  local waited=0
  until grep -q "^$2" "$1" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
    if ((waited > $3 * 10)); then
      echo "timed out waiting for $2 in $1:" >&2
      cat "$1" >&2
      return 1
    fi
  done
}

# run_pair impl size count interval-us loss -> prints "<sub RESULT fields> pubcpu=N"
run_pair() {
  local impl="$1" size="$2" count="$3" interval="$4" loss="$5"
  local endpoint_a="epgm://10.251.0.1;239.192.7.1:5601" endpoint_b="epgm://10.251.0.2;239.192.7.1:5601"
  set_loss "$loss"
  peer "$impl" b sub "$endpoint_b" "$size" "$count" "$RATE" "$interval" >"$tmp/sub.out" 2>"$tmp/sub.err" &
  local sub=$!
  await_line "$tmp/sub.out" READY 60
  rm -f "$tmp/ctl"
  mkfifo "$tmp/ctl"
  peer "$impl" a pub "$endpoint_a" "$size" "$count" "$RATE" "$interval" <"$tmp/ctl" >"$tmp/pub.out" 2>"$tmp/pub.err" &
  local pub=$!
  exec 7>"$tmp/ctl"
  await_line "$tmp/pub.out" READY 60
  sleep 1 # a few SPMs first, so the subscriber knows the stream before its first message
  echo go >&7
  wait "$sub" || true
  exec 7>&-
  wait "$pub" || true
  local result pubcpu
  result="$(grep '^RESULT' "$tmp/sub.out" | sed 's/^RESULT //')" || true
  pubcpu="$(grep '^RESULT' "$tmp/pub.out" | sed 's/^RESULT cpu=//')" || true
  if [[ -z "$result" ]]; then
    echo "no result from $impl sub:" >&2
    cat "$tmp/sub.out" "$tmp/sub.err" "$tmp/pub.out" "$tmp/pub.err" >&2
    result="msgs=0 lost=$count seconds=0 rate=0 p50=0 p99=0 p999=0 max=0 cpu=0"
  fi
  echo "$result pubcpu=${pubcpu:-0}"
}

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }

# case name, size, count, interval-us, loss
cases=(
  "thr-64|64|$THR_COUNT_64|0|0"
  "thr-1k|1024|$THR_COUNT_1K|0|0"
  "lat-64|64|$LAT_COUNT|1000|0"
  "lat-1k|1024|$LAT_COUNT|1000|0"
  "lat-64-loss1%|64|$LAT_COUNT|1000|0.01"
)
results="$tmp/results"
: >"$results"
for rep in $(seq 1 "$REPS"); do
  for c in "${cases[@]}"; do
    IFS='|' read -r name size count interval loss <<<"$c"
    impls=(gannet libzmq)
    if ((rep % 2 == 0)); then impls=(libzmq gannet); fi
    for impl in "${impls[@]}"; do
      r="$(run_pair "$impl" "$size" "$count" "$interval" "$loss")"
      echo "rep $rep $name $impl: $r" >&2
      echo "$name $impl $r" >>"$results"
    done
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { # case impl field
  grep "^$1 $2 " "$results" | while read -r line; do field "$line" "$3"; done | median
}
ratio() { awk -v g="$1" -v l="$2" 'BEGIN { if (l == 0) print "-"; else printf "%.2f", g / l }'; }
hz="$(getconf CLK_TCK)"
cpu_ms_per_kmsg() { # case impl field(cpu|pubcpu)
  local ticks msgs
  ticks="$(med "$1" "$2" "$3")"
  msgs="$(med "$1" "$2" msgs)"
  awk -v t="$ticks" -v m="$msgs" -v hz="$hz" 'BEGIN { if (m == 0) print 0; else printf "%.2f", t * 1000 / hz / m * 1000 }'
}

echo
echo "epgm:// Gannet vs libzmq $(pkg-config --modversion libzmq 2>/dev/null || echo '?'), RATE $RATE kbit/s," \
  "veth between two network namespaces, medians of $REPS interleaved runs, $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| measure | Gannet | libzmq | Gannet/libzmq |"
echo "|---|---:|---:|---:|"
for name in thr-64 thr-1k; do
  g="$(med "$name" gannet rate)"; l="$(med "$name" libzmq rate)"
  echo "| $name: messages/s | $g | $l | $(ratio "$g" "$l") |"
  for who in pubcpu:publisher cpu:subscriber; do
    g="$(cpu_ms_per_kmsg "$name" gannet "${who%%:*}")"; l="$(cpu_ms_per_kmsg "$name" libzmq "${who%%:*}")"
    echo "| $name: ${who#*:} CPU ms per 1,000 msgs | $g | $l | $(ratio "$g" "$l") |"
  done
done
for name in lat-64 lat-1k lat-64-loss1%; do
  for q in p50 p99 p999 max; do
    g="$(med "$name" gannet "$q")"; l="$(med "$name" libzmq "$q")"
    echo "| $name: one-way latency $q (us) | $g | $l | $(ratio "$g" "$l") |"
  done
  g="$(med "$name" gannet lost)"; l="$(med "$name" libzmq lost)"
  echo "| $name: messages not delivered | $g | $l | |"
done
