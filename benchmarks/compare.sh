#!/usr/bin/env bash
# Gannet vs JeroMQ vs libzmq: builds the benchmarks jar and our libzmq perf tools, runs the
# JMH suite and the perf tools, and writes docs/performance.md with its charts.
#
#   benchmarks/compare.sh            # full run, about 20-25 minutes on 2 cores (5 of them micro)
#   benchmarks/compare.sh --quick    # smoke run, a few minutes, numbers indicative only
#   SKIP_BUILD=1 benchmarks/compare.sh ...   # reuse benchmarks/target/benchmarks.jar
#
# Extra arguments after --quick go to io.gannet.benchmarks.report.Compare, e.g.
#   benchmarks/compare.sh --jmh-include 'PushPull.*' --perf false
# The perf tools run the same way for all three libraries: a message built per send, the
# same counts and warm-up, unpinned processes; Gannet's on its byte[] path
# (-Dgannet.perf.path=bytes, see benchmarks/README.md), as an application writes it.
# Needs: a JDK 17+, Maven, gcc and libzmq3-dev (apt-get install -y libzmq3-dev). No network
# is needed once the Maven dependencies are in the local repository.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

quick=false
if [[ "${1:-}" == "--quick" ]]; then
  quick=true
  shift
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
jar="$root/benchmarks/target/benchmarks.jar"

if ! pkg-config --exists libzmq 2>/dev/null && [[ ! -e /usr/include/zmq.h ]]; then
  echo "libzmq headers missing: apt-get install -y libzmq3-dev" >&2
  exit 1
fi
ctools="$root/benchmarks/target/c"
mkdir -p "$ctools"
for tool in local_thr remote_thr local_lat remote_lat remote_hs; do
  gcc -O2 -Wall -Wextra -o "$ctools/$tool" "$here/src/main/c/$tool.c" -lzmq
done

libzmq_version="$(pkg-config --modversion libzmq 2>/dev/null || echo unknown)"
# The version users know the library by (the first <version> of the parent pom).
version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$root/pom.xml" | head -1)"

java -Xmx1g -cp "$jar" io.gannet.benchmarks.report.Compare \
  --jar "$jar" --c-tools "$ctools" --out "$root/docs/performance.md" \
  --quick "$quick" --libzmq-version "$libzmq_version" --gannet-version "$version" \
  --command "benchmarks/compare.sh $($quick && echo --quick) $*" "$@"
