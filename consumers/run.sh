#!/usr/bin/env bash
# Builds a user's project against the SDK as published: each is a standalone Maven project (no
# parent, not a module of the root build) that imports only com.sfcompute:sfc-nodes-bom and depends
# on sfc-nodes (and the stand-in) without versions, then runs it:
#   java, kotlin, scala  a redeploy on the embedded stand-in and, in Kotlin, what the compiler sees
#                        of the SDK's nullability;
#   convergence          the enforcer's dependencyConvergence and requireUpperBoundDeps on the whole
#                        tree, the exact set of jars it brings, the stand-in's relocated validator;
#   jpms                 a module with one `requires com.sfcompute.nodes;`, run on the module path
#                        against the standalone stand-in;
#   proguard             an app shrunk and obfuscated by ProGuard with only the jars' shipped rules,
#                        run against the standalone stand-in.
# A build that prints an SLF4J warning fails too: the stand-in must not make users' tests noisy.
#
#   consumers/run.sh [java] [kotlin] [scala] [convergence] [jpms] [proguard]   (default: all)
#
# The SDK must be in the local repository first: `mvn -B install -DskipTests` in the root (the
# third-party libraries still come from Maven Central). The version is the root POM's;
# SDK_VERSION=0.1.0 consumers/run.sh tries another (a release comes from Central). JAVA_HOME picks
# the JDK, as for any Maven build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The root POM's own <version>: the first one outside <parent>, comments dropped.
root_version() {
  perl -0777 -ne 's/<!--.*?-->//gs; s|<parent>.*?</parent>||s;
                  print $1 if m|<version>\s*([^<\s]+)\s*</version>|' "$here/../pom.xml"
}

version=${SDK_VERSION:-$(root_version)}
if [[ -z "$version" ]]; then
  echo "consumers/run.sh: no <version> in $here/../pom.xml; set SDK_VERSION" >&2
  exit 2
fi

consumers=("$@")
if ((${#consumers[@]} == 0)); then
  consumers=(java kotlin scala convergence jpms proguard)
fi
for consumer in "${consumers[@]}"; do
  if [[ ! -f "$here/$consumer/pom.xml" ]]; then
    echo "consumers/run.sh: no consumer '$consumer' (java, kotlin, scala, convergence, jpms, proguard)" >&2
    exit 2
  fi
done

jdk=$(mvn -v | sed -n 's/^Java version: \([^,]*\).*/\1/p')
for consumer in "${consumers[@]}"; do
  echo "== Consumer: $consumer (com.sfcompute:sfc-nodes-bom:$version, JDK $jdk)"
  started=$SECONDS
  log=$(mktemp)
  if ! (cd "$here/$consumer" && mvn -B -ntp -Dsdk.version="$version" clean verify) 2>&1 | tee "$log"; then
    rm -f "$log"
    echo "== Consumer $consumer FAILED. Is sfc-nodes $version installed? (mvn -B install -DskipTests in the root)" >&2
    exit 1
  fi
  if grep -q 'SLF4J(W)' "$log"; then
    rm -f "$log"
    echo "== Consumer $consumer FAILED: its build printed an SLF4J warning (above)" >&2
    exit 1
  fi
  rm -f "$log"
  echo "== Consumer $consumer passed in $((SECONDS - started)) s"
done
