#!/usr/bin/env bash
# PUB/SUB fan-out: Gannet vs JeroMQ vs libzmq in the same run, interleaved, with medians.
# One process per measurement: one PUB, N SUB sockets each received on a thread of its own,
# one context (libzmq through benchmarks/src/main/c/fanout_thr.c, Gannet and JeroMQ through
# io.gannet.benchmarks.perf.FanoutThr: same arguments, protocol and output).
#
#   benchmarks/fanout-compare.sh                       # inproc and tcp, 1/10/100 subscribers
#   REPS=5 TRANSPORTS=tcp SUBS="10 100" benchmarks/fanout-compare.sh
#   BASELINE_JAR=old/benchmarks.jar benchmarks/fanout-compare.sh   # adds a "before" column: the
#     library classes of an older build (first on the class path) under this FanoutThr
#   WINDOW=0 benchmarks/fanout-compare.sh              # free-running publisher: shows drops
#   SKIP_BUILD=1 ...                                   # reuse benchmarks/target/benchmarks.jar
#   JAR=/tmp/copy/benchmarks.jar SKIP_BUILD=1 ...      # or this jar
#
# Each run sends ROUNDS rounds (the first is a warm-up and not counted); a cell is the median
# over REPS runs of each run's median round, [min-max]. Rates are messages per second that
# every subscriber received (WINDOW > 0 lets nothing be dropped; the "dropped" column must be
# 0), or with WINDOW=0 the median subscriber's received rate beside the drops.
# Needs: a JDK 17+, Maven, gcc and libzmq3-dev.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

reps="${REPS:-3}"
rounds="${ROUNDS:-4}"
window="${WINDOW:-1000}"
transports="${TRANSPORTS:-inproc tcp}"
subs_list="${SUBS:-1 10 100}"
size="${SIZE:-64}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
jar="${JAR:-$root/benchmarks/target/benchmarks.jar}"
ctools="$root/benchmarks/target/c"
mkdir -p "$ctools"
gcc -O2 -Wall -Wextra -o "$ctools/fanout_thr" "$here/src/main/c/fanout_thr.c" -lzmq -lpthread

# Messages per round: about a second or more for the slowest library at each fan-out.
count_for() {
  case "$1" in
    1) echo 500000 ;;
    10) echo 50000 ;;
    *) echo 5000 ;;
  esac
}

run_one() { # lib transport subs count -> "delivered published dropped" (medians of the counted rounds)
  local lib="$1" transport="$2" n="$3" count="$4" out
  case "$lib" in
    libzmq) out="$(timeout 600 "$ctools/fanout_thr" "$transport" "$n" "$size" "$count" "$window" "$rounds")" ;;
    before) out="$(timeout 600 java -Xmx1g -cp "$BASELINE_JAR:$jar" io.gannet.benchmarks.perf.FanoutThr gannet "$transport" "$n" "$size" "$count" "$window" "$rounds")" ;;
    *) out="$(timeout 600 java -Xmx1g -cp "$jar" io.gannet.benchmarks.perf.FanoutThr "$lib" "$transport" "$n" "$size" "$count" "$window" "$rounds")" ;;
  esac
  local rounds_out
  rounds_out="$(echo "$out" | awk '/^round/ && $2 != "0:" { print $8, $4, $15 }')"
  if [[ -z "$rounds_out" ]]; then
    echo "- - -"
    return
  fi
  echo "$(echo "$rounds_out" | cut -d' ' -f1 | median) $(echo "$rounds_out" | cut -d' ' -f2 | median) $(echo "$rounds_out" | cut -d' ' -f3 | sort -g | tail -1)"
}

median() { # numbers on stdin -> their median (the lower middle one)
  sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

fmt() { # a rate -> 2.35 M, 412 k or 980
  awk -v v="$1" 'BEGIN { if (v >= 1e6) printf "%.2f M", v / 1e6; else if (v >= 1e4) printf "%.0f k", v / 1e3; else printf "%.0f", v }'
}

libs="libzmq gannet jeromq"
if [[ -n "${BASELINE_JAR:-}" ]]; then
  libs="libzmq before gannet jeromq"
fi
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for rep in $(seq 1 "$reps"); do
  for transport in $transports; do
    for n in $subs_list; do
      for lib in $libs; do
        r="$(run_one "$lib" "$transport" "$n" "$(count_for "$n")" || echo "- - -")"
        echo "$transport $n $lib $r" | tee -a "$results" >&2
      done
    done
  done
done

echo
echo "PUB/SUB fan-out, $size B, window $window, $reps runs, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo
header="| transport | subscribers |"
rule="|---|---:|"
for lib in $libs; do header="$header $lib |"; rule="$rule---:|"; done
echo "$header Gannet/libzmq | Gannet/JeroMQ | dropped (max) |"
echo "$rule---:|---:|---:|"
for transport in $transports; do
  for n in $subs_list; do
    line="| $transport | $n |"
    declare -A med=()
    for lib in $libs; do
      values="$(awk -v t="$transport" -v n="$n" -v l="$lib" '$1 == t && $2 == n && $3 == l && $4 != "-" { print $4 }' "$results" | sort -g)"
      if [[ -z "$values" ]]; then
        line="$line - |"
        med[$lib]=0
        continue
      fi
      med[$lib]="$(echo "$values" | median)"
      line="$line $(fmt "${med[$lib]}") [$(fmt "$(echo "$values" | head -1)")-$(fmt "$(echo "$values" | tail -1)")] |"
    done
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }
    dropped="$(awk -v t="$transport" -v n="$n" '$1 == t && $2 == n && $6 != "-" && $6 > m { m = $6 } END { print m + 0 }' "$results")"
    echo "$line $(ratio "${med[gannet]}" "${med[libzmq]}") | $(ratio "${med[gannet]}" "${med[jeromq]}") | $dropped |"
    unset med
  done
done
