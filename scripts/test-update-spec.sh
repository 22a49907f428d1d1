#!/usr/bin/env bash
# Tests scripts/update-spec.sh on two synthetic upstream changes, each in its own temporary copy of
# the committed tree (`git archive HEAD`, as stage-bundle.sh does): the working tree is never
# touched.
#
#   1. ADDITIVE: a new optional field Node.boot_disk_gb. Must pass, with the spec tests
#      (--tests spec), list the new getter and setter in japicmp's report and in the CHANGELOG
#      draft, and leave the new document in place of the spec.
#   2. BREAKING: Node.zone removed. Must exit with status 3, name the field, the lost getter and
#      why, and change nothing.
#
# CI runs it from .ci/run. Extra Maven arguments: $UPDATE_SPEC_MAVEN_ARGS (passed on).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS
spec=api-spec/src/main/resources/com/sfcompute/nodes/spec/openapi.yaml

fail() { echo "test-update-spec: FAILED: $*" >&2; exit 1; }
git rev-parse --verify -q HEAD > /dev/null || fail "not a git checkout with a commit: $root"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "== note: uncommitted changes are not tested: this tests HEAD ($(git rev-parse --short HEAD))"
fi
status_before=$(git status --porcelain)

work=$(mktemp -d "${TMPDIR:-/tmp}/test-update-spec.XXXXXX")
trap 'rm -rf "$work"' EXIT

copy() { # a fresh copy of HEAD in $work/$1
  mkdir -p "$work/$1"
  git archive --format=tar HEAD | tar -x -C "$work/$1"
}

# The two synthetic upstream documents, edits of the committed spec. Each edit must take.
git show "HEAD:$spec" > "$work/current.yaml"
perl -0pe 's/(\n        procurement_id:\n(?:          .*\n)+)/$1        boot_disk_gb:\n          type: integer\n          format: int32\n          nullable: true\n          description: Size of the boot disk, in GB.\n          example: 500\n/' \
  "$work/current.yaml" > "$work/additive.yaml"
perl -0pe 's/(\n    Node:\n(?:      .*\n)*?        name:\n(?:          .*\n)+)        zone:\n(?:          .*\n)+/$1/' \
  "$work/current.yaml" > "$work/breaking.yaml"
! cmp -s "$work/current.yaml" "$work/additive.yaml" || fail "the additive edit did not apply"
! cmp -s "$work/current.yaml" "$work/breaking.yaml" || fail "the breaking edit did not apply"
grep -q '^        boot_disk_gb:' "$work/additive.yaml" || fail "no boot_disk_gb in the additive document"

expect() { # $1: log, $2: fixed string that must be in it
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "expected in the output: $2"; }
}

echo "== 1. ADDITIVE change (new optional field Node.boot_disk_gb)"
copy additive
t=$SECONDS
if ! (cd "$work/additive" && bash scripts/update-spec.sh --tests spec "$work/additive.yaml") > "$work/additive.log" 2>&1; then
  cat "$work/additive.log" >&2
  fail "update-spec.sh refused or failed an additive change"
fi
log=$work/additive.log
expect "$log" "Spec change: ADDITIVE"
expect "$log" "additive  property added: Node.boot_disk_gb -- new Node.getBootDiskGb() and setBootDiskGb(..)"
expect "$log" "getBootDiskGb()" # in japicmp's report
grep -q '+++ *NEW METHOD:.*getBootDiskGb()' "$log" || { cat "$log" >&2; fail "japicmp did not list the new getter"; }
grep -q '+++ *NEW METHOD:.*setBootDiskGb(' "$log" || { cat "$log" >&2; fail "japicmp did not list the new setter"; }
expect "$log" "### Added"
expect "$log" 'property added `Node.boot_disk_gb`'
expect "$log" "passed ("
cmp -s "$work/additive.yaml" "$work/additive/$spec" || fail "the spec was not replaced by the additive document"
echo "   ok in $((SECONDS - t)) s"
sed 's/^/   | /' "$log"

echo "== 2. BREAKING change (Node.zone removed)"
copy breaking
t=$SECONDS
set +e
(cd "$work/breaking" && bash scripts/update-spec.sh --tests spec "$work/breaking.yaml") > "$work/breaking.log" 2>&1
rc=$?
set -e
log=$work/breaking.log
((rc == 3)) || { cat "$log" >&2; fail "expected exit status 3 for a breaking change, was $rc"; }
expect "$log" "Spec change: BREAKING"
expect "$log" "BREAKING  property removed: Node.zone -- Node.getZone() and setZone(..) disappear from the generated model; Java code that calls them stops compiling"
expect "$log" "REFUSED: the change is BREAKING for Java users"
expect "$log" "--major"
cmp -s "$work/current.yaml" "$work/breaking/$spec" || fail "a refused breaking change modified the spec"
[[ ! -e "$work/breaking/generated-client/target" ]] || fail "a refused breaking change built the client"
echo "   ok in $((SECONDS - t)) s"
sed 's/^/   | /' "$log"

[[ "$(git status --porcelain)" == "$status_before" ]] || fail "the working tree changed"
echo "test-update-spec: OK in $((SECONDS - started)) s"
