#!/usr/bin/env bash
# Builds every module twice from clean and compares each jar byte for byte (SHA-256): main jars,
# and with the release profile the sources, javadoc and other attached jars too. Prints each jar's
# hash; exits 1, naming the jars and entries that differ, if the two builds disagree.
#
#   scripts/check-reproducible.sh              # the release artifacts (signing skipped)
#   scripts/check-reproducible.sh --no-release # main jars only, faster
#
# Tests are skipped (they prove nothing about the bytes); so are the format check and japicmp.
# The copies of both builds' jars are kept in target/reproducible/ for a closer look
# (e.g. `diffoscope target/reproducible/1/X.jar target/reproducible/2/X.jar`).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=(-P release -Dgpg.skip=true)
case "${1:-}" in
  "") ;;
  --no-release) profile=() ;;
  *) echo "usage: $0 [--no-release]" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/check-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT

build() {
  local n=$1 started=$SECONDS
  echo "== build $n: mvn -B -q -DskipTests ${profile[*]} clean package"
  mvn -B -q -DskipTests -Dspotless.check.skip=true -Djapicmp.skip=true "${profile[@]}" clean package
  mkdir -p "$work/$n"
  # Every jar a module builds (target/*.jar, attached ones included), named module/file.
  local jar
  for jar in */target/*.jar; do
    mkdir -p "$work/$n/$(dirname "$(dirname "$jar")")"
    cp "$jar" "$work/$n/$(dirname "$(dirname "$jar")")/"
  done
  echo "   $((SECONDS - started)) s, $(find "$work/$n" -name '*.jar' | wc -l) jars"
}

build 1
build 2

mkdir -p target/reproducible
rm -rf target/reproducible/1 target/reproducible/2
cp -r "$work/1" "$work/2" target/reproducible/

(cd "$work/1" && find . -name '*.jar' | sort | sed 's|^\./||') > "$work/list1"
(cd "$work/2" && find . -name '*.jar' | sort | sed 's|^\./||') > "$work/list2"
if [[ ! -s "$work/list1" ]]; then
  echo "check-reproducible: FAILED: the build produced no jar" >&2
  exit 1
fi

failed=0
if ! diff -q "$work/list1" "$work/list2" > /dev/null; then
  echo "check-reproducible: FAILED: the two builds made different sets of jars:" >&2
  diff "$work/list1" "$work/list2" >&2 || true
  failed=1
fi

echo "== SHA-256 of each jar (build 1 / build 2)"
while read -r jar; do
  [[ -f "$work/2/$jar" ]] || continue
  h1=$(sha256sum "$work/1/$jar" | cut -d' ' -f1)
  h2=$(sha256sum "$work/2/$jar" | cut -d' ' -f1)
  if [[ "$h1" == "$h2" ]]; then
    echo "$h1  $jar"
  else
    echo "$h1 != $h2  $jar  DIFFERS"
    # Which entries differ: unzip -v lists each entry's CRC-32, size and time.
    diff <(unzip -v "$work/1/$jar" | awk 'NF >= 8 {print $7, $1, $5, $6, $8}' | sort -k5) \
      <(unzip -v "$work/2/$jar" | awk 'NF >= 8 {print $7, $1, $5, $6, $8}' | sort -k5) \
      | sed 's/^/      /' | head -20 || true
    failed=1
  fi
done < "$work/list1"

if ((failed)); then
  echo "check-reproducible: FAILED: two clean builds gave different jars (copies in target/reproducible/)" >&2
  exit 1
fi
echo "check-reproducible: OK: $(wc -l < "$work/list1") jars byte-identical across two clean builds"
