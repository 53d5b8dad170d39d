#!/usr/bin/env bash
# Uses seq2seq4j as a library, the way the README tells a new user to: installs it into the
# local Maven repository, then builds and runs examples/consumer, a separate project that
# depends on it, trains the reverser and reopens the .keras file it wrote.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

mvn -B -q -Dstyle.color=never -f "$root/pom.xml" install -DskipTests
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
(cd "$root/examples/consumer" && mvn -B -q -Dstyle.color=never compile exec:java) | tee "$out"
grep -q "test {loss=" "$out" || { echo "library check: the example printed no test metrics" >&2; exit 1; }
grep -q "same outputs true" "$out" || {
  echo "library check: the reopened .keras file did not give the trained outputs" >&2; exit 1; }
ls "$HOME/.m2/repository/dev/seq2seq4j/seq2seq4j/0.1.0-SNAPSHOT/" | grep -q -- "-javadoc.jar" || {
  echo "library check: mvn install did not install the javadoc jar" >&2; exit 1; }
echo "library check passed"
