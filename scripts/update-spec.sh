#!/usr/bin/env bash
# Takes a new upstream OpenAPI document to a reviewable change of this repository, in one command.
#
#   scripts/update-spec.sh [--major] [--tests all|spec|none] <new-openapi.yaml>
#
#   1. Classifies the change from the current spec to the new one and prints it, one line per
#      change: BREAKING (a schema, property, enum value, operation, parameter or response status
#      disappears: Java code written for the old spec may stop compiling; or openapi-diff finds it
#      incompatible for clients), ADDITIVE (the generated client only grows) or DOCS-ONLY
#      (descriptions, summaries, examples; no generated API change). The rule is the spec gate's
#      own (api-spec's SpecCompatibility, run as SpecDiff).
#   2. On a BREAKING change it stops with exit status 3 and changes nothing, unless given --major
#      (the major version moves): then it also raises the new document's info.version to the next
#      major above the baseline's (api-spec/baseline/openapi.yaml), which the spec gate requires.
#   3. Builds the generated client from the current spec (the "old" jar), replaces the spec
#      (api-spec/src/main/resources/com/sfcompute/nodes/spec/openapi.yaml) with the new document
#      and builds the client again (the "new" jar).
#   4. Reports the Java API difference of the two generated clients with japicmp (no release
#      needed: both jars are built here).
#   5. Runs the tests: --tests all (default: `verify` of the whole build), spec (api-spec and
#      generated-client only: the spec gate, examples, the regenerated client) or none.
#   6. Prints a draft of the CHANGELOG entry, for the "Unreleased" section.
#
# Everything it writes besides the spec is under target/update-spec/ (the old spec, both jars, the
# japicmp report, the CHANGELOG draft). It never commits; review with `git diff`, undo with
# `git checkout -- api-spec/src/main/resources/com/sfcompute/nodes/spec/openapi.yaml`.
# Exit status: 0 done; 2 bad usage; 3 breaking change refused; other: a build or a test failed.
# Maven: ./mvnw (else mvn), or $MVN; extra Maven arguments in $UPDATE_SPEC_MAVEN_ARGS.
set -euo pipefail

usage() {
  sed -n '3p' "$0" | sed 's/^#  *//' >&2
  exit 2
}

major_moves=0
tests=all
new_spec=""
while (($#)); do
  case $1 in
    --major) major_moves=1 ;;
    --tests)
      shift
      tests=${1:-}
      ;;
    --tests=*) tests=${1#--tests=} ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*)
      echo "update-spec: unknown option $1" >&2
      usage
      ;;
    *)
      [[ -z "$new_spec" ]] || usage
      new_spec=$1
      ;;
  esac
  shift
done
[[ -n "$new_spec" ]] || usage
[[ $tests == all || $tests == spec || $tests == none ]] || {
  echo "update-spec: --tests must be all, spec or none, was '$tests'" >&2
  usage
}
[[ -f "$new_spec" ]] || { echo "update-spec: no such file: $new_spec" >&2; exit 2; }
new_spec=$(cd "$(dirname "$new_spec")" && pwd)/$(basename "$new_spec")

cd "$(dirname "$0")/.."
root=$(pwd)
spec=api-spec/src/main/resources/com/sfcompute/nodes/spec/openapi.yaml
baseline=api-spec/baseline/openapi.yaml
out=$root/target/update-spec
started=$SECONDS

if [[ -n "${MVN:-}" ]]; then
  mvn=("$MVN")
elif [[ -x ./mvnw ]]; then
  mvn=(./mvnw)
else
  mvn=(mvn)
fi
read -r -a extra <<< "${UPDATE_SPEC_MAVEN_ARGS:-}"
maven() { "${mvn[@]}" -B -q -Dstyle.color=never "${extra[@]}" "$@"; }
# What a spec update does not need to check again: format, javadoc, the release comparison.
quick=(-Dspotless.check.skip=true -Dmaven.javadoc.skip=true -Djapicmp.skip=true)

step() { echo; echo "== $*"; }
die() { echo "update-spec: $*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/old" "$out/new"
cp "$spec" "$out/old/openapi.yaml"
cp "$new_spec" "$out/new/openapi.yaml"

# 1. The classified diff.
step "1. What changes, for Java users ($spec -> $(basename "$new_spec"))"
maven -pl api-spec test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java "${quick[@]}" \
  -Dexec.mainClass=com.sfcompute.nodes.spec.SpecDiff -Dexec.classpathScope=test \
  -Dexec.args="$out/old/openapi.yaml $out/new/openapi.yaml $out" 2> "$out/specdiff.log" \
  || { cat "$out/specdiff.log" >&2; die "could not compare the two documents (log above)"; }
kind=$(cat "$out/kind")

case $kind in
  NONE)
    echo "update-spec: the new document is the same API and documentation: nothing to do."
    exit 0
    ;;
  BREAKING)
    if ((!major_moves)); then
      cat >&2 << EOF

update-spec: REFUSED: the change is BREAKING for Java users (lines above). Nothing was changed.
  Java code compiled or written against the current spec would stop compiling, so this needs a
  MAJOR release of the SDK and of the spec's info.version. If that is intended, run again with
  --major; otherwise ask upstream to keep what was removed (or keep it in the spec here).
EOF
      exit 3
    fi
    base_version=$(sed -n '/^info:/,/^[^ ]/s/^  version: *//p' "$baseline" | head -1 | tr -d "\"'")
    new_version=$(sed -n '/^info:/,/^[^ ]/s/^  version: *//p' "$out/new/openapi.yaml" | head -1 | tr -d "\"'")
    [[ -n "$base_version" && -n "$new_version" ]] || die "no info.version in $baseline or the new document"
    if ((${new_version%%.*} <= ${base_version%%.*})); then
      bumped=$((${base_version%%.*} + 1)).0.0
      echo "== --major: info.version $new_version -> $bumped (the baseline is $base_version; a breaking change needs a higher major)"
      perl -0pi -e "s/^(info:\\n(?:  .*\\n|#.*\\n)*?  version: *)\\S+/\${1}$bumped/m" "$out/new/openapi.yaml"
      grep -q "^  version: $bumped" "$out/new/openapi.yaml" || die "could not set info.version to $bumped"
      # The report and the CHANGELOG draft were written before the bump: name the new version.
      sed -i "s/ -> $new_version)/ -> $bumped)/" "$out/changes.txt" "$out/changelog.md"
    fi
    ;;
esac

# 2. The generated client, before and after.
build_client() { # $1: old|new
  maven -pl generated-client package -DskipTests "${quick[@]}" > "$out/$1/build.log" 2>&1 \
    || { tail -n 60 "$out/$1/build.log" >&2; die "building the generated client from the $1 spec failed"; }
  local jar
  jar=$(ls generated-client/target/sfc-nodes-generated-client-*.jar | grep -v -- '-sources\|-javadoc' | head -1)
  cp "$jar" "$out/$1/generated-client.jar"
}
step "2. Regenerate: the client from the current spec, then from the new one"
build_client old
cp "$out/new/openapi.yaml" "$spec"
echo "   replaced $spec (the old one is kept at target/update-spec/old/openapi.yaml)"
build_client new
echo "   target/update-spec/{old,new}/generated-client.jar"

# 3. japicmp between the two generated clients.
step "3. Java API difference of the generated client (japicmp, old -> new)"
mkdir -p "$out/japicmp"
cat > "$out/japicmp/pom.xml" << EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.update-spec</groupId>
  <artifactId>japicmp-generated-client</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>com.github.siom79.japicmp</groupId>
        <artifactId>japicmp-maven-plugin</artifactId>
        <version>0.27.0</version>
        <configuration>
          <oldVersion><file><path>$out/old/generated-client.jar</path></file></oldVersion>
          <newVersion><file><path>$out/new/generated-client.jar</path></file></newVersion>
          <parameter>
            <onlyModified>true</onlyModified>
            <skipPomModules>false</skipPomModules>
            <ignoreMissingClasses>true</ignoreMissingClasses>
            <excludes><exclude>com.sfcompute.nodes.internal.invoker.*</exclude></excludes>
            <breakBuildOnBinaryIncompatibleModifications>false</breakBuildOnBinaryIncompatibleModifications>
            <breakBuildOnSourceIncompatibleModifications>false</breakBuildOnSourceIncompatibleModifications>
          </parameter>
          <skipHtmlReport>true</skipHtmlReport>
          <skipXmlReport>true</skipXmlReport>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
maven -f "$out/japicmp/pom.xml" com.github.siom79.japicmp:japicmp-maven-plugin:0.27.0:cmp > "$out/japicmp/build.log" 2>&1 \
  || { tail -n 60 "$out/japicmp/build.log" >&2; die "japicmp failed"; }
report=$(find "$out/japicmp/target/japicmp" -name '*.diff' | head -1)
[[ -s "$report" ]] || die "japicmp wrote no report"
cp "$report" "$out/japicmp.diff"
# The changed classes and their changed members; unchanged members (===) left out.
grep -v -e '^\s*===' -e '^\s*$' -e '^WARNING: You are using the option' -e '^Semantic versioning suggestion' "$out/japicmp.diff" | sed 's/^/   /' \
  || echo "   (no change in the Java API)"

# 4. The tests.
case $tests in
  all)
    step "4. Tests: verify (the whole build)"
    maven verify -Dspotless.check.skip=true > "$out/tests.log" 2>&1 \
      || { tail -n 80 "$out/tests.log" >&2; die "the build or its tests failed with the new spec (log: target/update-spec/tests.log)"; }
    ;;
  spec)
    step "4. Tests: api-spec and generated-client (--tests spec)"
    maven -pl api-spec,generated-client verify "${quick[@]}" > "$out/tests.log" 2>&1 \
      || { tail -n 80 "$out/tests.log" >&2; die "the spec's tests failed with the new spec (log: target/update-spec/tests.log)"; }
    ;;
  none) step "4. Tests: skipped (--tests none)" ;;
esac
if [[ $tests != none ]]; then
  modules=(./*)
  [[ $tests == all ]] || modules=(api-spec generated-client)
  count=$(for module in "${modules[@]}"; do cat "$module"/target/surefire-reports/TEST-*.xml 2> /dev/null; done \
    | grep -o '<testsuite [^>]*' | grep -o ' tests="[0-9]*"' | tr -dc '0-9\n' | awk '{s += $1} END {print s + 0}') || true
  echo "   passed ($count tests; log: target/update-spec/tests.log)"
fi

# 5. The CHANGELOG draft.
step "5. CHANGELOG draft, for the \"## [Unreleased]\" section of CHANGELOG.md (also in target/update-spec/changelog.md)"
sed 's/^/   /' "$out/changelog.md"

step "Done in $((SECONDS - started)) s: $(sed -n 1p "$out/changes.txt")"
echo "   Changed: $spec (nothing else; not committed). Review with git diff, paste the CHANGELOG draft,"
echo "   commit. Undo: git checkout -- $spec"
