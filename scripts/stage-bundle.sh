#!/usr/bin/env bash
# Stages a real Maven Central bundle, as a release would, and checks it, with the Maven Wrapper's
# Maven (the publishing plugin needs Maven 3.9.2 or newer; the installed one may be 3.8.7). Nothing
# is uploaded, signed or installed.
#
#   scripts/stage-bundle.sh          (CI runs it after scripts/check-bundle.sh)
#
#   1. Uses the Maven Wrapper's Maven 3.9 (./mvnw, .mvn/wrapper/maven-wrapper.properties: fetched
#      from Maven Central on first use, SHA-256 checked, cached in ~/.m2/wrapper).
#   2. Copies the committed tree (`git archive HEAD`: uncommitted changes are not staged) to the
#      temporary directory and sets the release version there (the root POM's, without -SNAPSHOT)
#      on every module, the BOM included, with versions:set. Like the README's release step, this
#      also sets project.build.outputTimestamp to the current time (in the root POM and the BOM), so
#      the bundle's bytes differ from run to run; its file list does not.
#   3. There, with Maven 3.9: `mvn -P release deploy -DskipUpload=true -Dgpg.skip=true` (no tests,
#      no format check, no japicmp), which builds every published module and zips the bundle
#      (target/central-publishing/central-bundle.zip, checksums next to each file). The bundle can
#      never be uploaded: skipUpload=true, no check of published components, and the Portal URL
#      points nowhere (-DcentralBaseUrl); the log must say the upload was skipped.
#      The local repository is only read: the build writes to a throwaway local repository chained
#      to it (maven.repo.local.tail, read-only), and installing is skipped as well. A release
#      version left in the local repository would later be taken by japicmp as the last release,
#      so afterwards com/sfcompute/*/<release version> there is checked: anything this run added is
#      deleted and the script fails.
#   4. Checks the bundle with `scripts/check-bundle.sh --unsigned --version <release>` (checksums
#      verified; no signatures, GPG was skipped), checks that it holds nothing else (no other
#      module, no other version, no SNAPSHOT in its POMs) and prints its files.
#
# The bundle and the build log are kept in target/stage-bundle/. Needs git, unzip, perl and a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS

maven_version=$(sed -n 's|^distributionUrl=.*/apache-maven-\([^/]*\)-bin\.zip$|\1|p' .mvn/wrapper/maven-wrapper.properties)
group_path=com/sfcompute
keep=$root/target/stage-bundle

die() { echo "stage-bundle: $*" >&2; exit 1; }

# The root POM's own <version>: the first one outside <parent>, comments dropped.
version=$(perl -0777 -ne 's/<!--.*?-->//gs; s|<parent>.*?</parent>||s;
                         print $1 if m|<version>\s*([^<\s]+)\s*</version>|' pom.xml)
[[ -n "$version" ]] || die "no <version> in pom.xml"
release=${version%-SNAPSHOT}

git rev-parse --verify -q HEAD > /dev/null || die "not a git checkout with a commit: $root"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "== note: uncommitted changes are not staged: this stages HEAD ($(git rev-parse --short HEAD))"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/stage-bundle.XXXXXX")
m2=""
guarded=0
before=()

# Release-version directories of this project in the local repository.
release_dirs() { find "$m2/$group_path" -mindepth 2 -maxdepth 2 -type d -name "$release" 2> /dev/null | sort; }

# Fails (and deletes what this run added) if anything with the release version appeared in the
# local repository since the start; the project's maven-metadata-local.xml files (which an install
# would have made list the release) are put back as they were.
guard_local_repository() {
  guarded=1
  [[ -n "$m2" ]] || return 0
  local dir file saved added=()
  for file in "$m2/$group_path"/*/maven-metadata-local.xml; do
    [[ -f "$file" && "$file" -nt "$work/started" ]] || continue
    grep -q "<version>$release</version>" "$file" || continue
    saved=$work/metadata/${file#"$m2/"}
    if [[ -f "$saved" ]]; then
      grep -q "<version>$release</version>" "$saved" && continue
      cp -p "$saved" "$file"
    else
      rm -f "$file"
    fi
    added+=("$file (now lists $release; put back as it was)")
  done
  while IFS= read -r dir; do
    [[ -n "$dir" ]] || continue
    if [[ " ${before[*]-} " == *" $dir "* ]]; then
      # There before this run (see the warning at the start; a release commit's own build installs
      # it): only what this run wrote counts, and is not deleted.
      if [[ -n "$(find "$dir" -newer "$work/started" -print -quit)" ]]; then
        added+=("$dir (there before; written by this run: $(find "$dir" -newer "$work/started" -type f | tr '\n' ' '))")
      fi
    else
      added+=("$dir (deleted)")
      rm -rf "$dir"
    fi
  done < <(release_dirs)
  if ((${#added[@]})); then
    echo "stage-bundle: FAILED: the staging build wrote release version $release into the local" \
      "repository $m2 (a bug of this script; japicmp would take it for the last release). Cleaned up:" >&2
    printf '  - %s\n' "${added[@]}" >&2
    return 1
  fi
  echo "== local repository clean: no $group_path/*/$release written by this run"
}

cleanup() {
  local rc=$?
  if ((!guarded)); then guard_local_repository || rc=1; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
touch "$work/started"
mkdir -p "$work/metadata"

# The installed Maven's settings, so that Maven 3.9 uses the same mirrors, proxies and local
# repository: the user's settings.xml is read by both; its global one is passed on.
system_maven_home=$(mvn -v | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^Maven home: //p')
global_settings=()
if [[ -f "$system_maven_home/conf/settings.xml" ]]; then
  global_settings=(-gs "$system_maven_home/conf/settings.xml")
fi
m2=$(mvn -B -q org.apache.maven.plugins:maven-help-plugin:3.5.2:evaluate -Dexpression=settings.localRepository \
  -DforceStdout -N | sed 's/\x1b\[[0-9;]*m//g')
[[ -d "$m2" ]] || die "local repository not found: '$m2'"
mapfile -t before < <(release_dirs)
(cd "$m2" && find "$group_path" -mindepth 2 -maxdepth 2 -name maven-metadata-local.xml \
  -exec cp -p --parents {} "$work/metadata/" \; 2> /dev/null) || true
if ((${#before[@]})) && [[ $version != "$release" ]]; then
  echo "== WARNING: the local repository already holds release version $release of this project" \
    "(not from this run; japicmp may take it for the last release): ${before[*]}" >&2
fi

# 1. Maven 3.9: the wrapper's (run from the copy below, which has the same .mvn/wrapper).
mvn39=$root/mvnw
[[ -x "$mvn39" && -n "$maven_version" ]] || die "no ./mvnw or no Maven version in .mvn/wrapper/maven-wrapper.properties"
echo "== Maven $maven_version: the Maven Wrapper's (./mvnw)"
"$mvn39" -v | sed -n 1p

# 2. The committed tree, at the release version.
src=$work/src
mkdir -p "$src"
git archive --format=tar HEAD | tar -x -C "$src"
if [[ $version != "$release" ]]; then
  echo "== versions:set $version -> $release (every module, the BOM included)"
  (cd "$src" && "$mvn39" -B -q "${global_settings[@]}" -Dmaven.repo.local="$m2" \
    org.codehaus.mojo:versions-maven-plugin:2.18.0:set -DnewVersion="$release" \
    -DprocessAllModules=true -DgenerateBackupPoms=false)
  # Every POM of the build (consumers/ is not part of it) must have moved.
  left=$(cd "$src" && find . -name pom.xml -not -path './consumers/*' -exec grep -l -- "$version" {} + || true)
  [[ -z "$left" ]] || die "versions:set left $version in: $(echo $left)"
  grep -q "<version>$release</version>" "$src/bom/pom.xml" || die "versions:set did not set $release in bom/pom.xml"
else
  echo "== $version is already a release version"
fi

# 3. The bundle, with Maven 3.9. Local repository: a throwaway head, the real one as read-only tail.
echo "== mvn -P release deploy -DskipUpload=true -Dgpg.skip=true (Maven $maven_version, version $release)"
mkdir -p "$keep"
rm -f "$keep/central-bundle.zip" "$keep/build.log"
build_started=$SECONDS
if ! (cd "$src" && "$mvn39" -B "${global_settings[@]}" -P release \
  -Dmaven.repo.local="$work/repository" -Dmaven.repo.local.tail="$m2" \
  -DskipUpload=true -DignorePublishedComponents=false -DcentralBaseUrl=https://no-upload.invalid \
  -Dgpg.skip=true -DskipTests -Dmaven.install.skip=true -Djapicmp.skip=true -Dspotless.check.skip=true \
  deploy > "$keep/build.log" 2>&1); then
  tail -n 150 "$keep/build.log" >&2
  die "the staging build failed (log above; whole log: $keep/build.log)"
fi
echo "   $((SECONDS - build_started)) s; log: target/stage-bundle/build.log"
grep -q "Skipping the upload of the bundle at user's request (skipUpload)" "$keep/build.log" \
  || die "the publishing plugin did not report skipping the upload (see $keep/build.log)"
if [[ -d "$work/repository/$group_path" ]]; then
  # Harmless (thrown away), but it means something tried to install or resolve this project.
  echo "== WARNING: the build wrote to $group_path in its throwaway local repository:" \
    "$(cd "$work/repository" && find "$group_path" -mindepth 2 -maxdepth 2 | tr '\n' ' ')" >&2
fi
guard_local_repository

zip=$src/target/central-publishing/central-bundle.zip
[[ -s "$zip" ]] || die "no bundle at target/central-publishing/central-bundle.zip"
cp "$zip" "$keep/central-bundle.zip"
zip=$keep/central-bundle.zip

# 4. The bundle's contents.
bash scripts/check-bundle.sh --unsigned --version "$release" "$zip" | tee "$work/check.log"
published=$(sed -n "s/^ *ok  com\.sfcompute:\([^:]*\):.*/\1/p" "$work/check.log")
strays=$(unzip -Z1 "$zip" | grep -v '/$' | while IFS= read -r entry; do
  IFS=/ read -r g1 g2 aid ver file rest <<< "$entry"
  if [[ "$g1/$g2" != "$group_path" || $ver != "$release" || -z "$file" || -n "$rest" ]] \
    || ! grep -qx -- "$aid" <<< "$published"; then
    echo "$entry"
  fi
done)
[[ -z "$strays" ]] || die "the bundle holds files of no published module or another version: $(echo $strays)"
# (grep -c reads everything: with -q, unzip could die of SIGPIPE and pipefail hide the match.)
snapshots=$(unzip -p "$zip" '*.pom' | grep -c SNAPSHOT || true)
((snapshots == 0)) || die "the bundle's POMs mention a SNAPSHOT ($snapshots lines)"

echo "== bundle: $(unzip -Z1 "$zip" | grep -vc '/$') files, $(du -k "$zip" | cut -f1) kB (target/stage-bundle/central-bundle.zip)"
unzip -Zl "$zip" | sort -k10 | awk '
  $NF ~ /\/$/ || NF < 10 { next }
  {
    path = $NF; size = $4
    dir = path; sub(/[^\/]*$/, "", dir); file = substr(path, length(dir) + 1)
    if (!(dir in seen)) { seen[dir] = 1; order[++n] = dir }
    if (file ~ /\.(md5|sha1|sha256|sha512|asc)$/) { sums[dir]++ }
    else { files[dir] = files[dir] sprintf("      %-60s %10d B\n", file, size) }
  }
  END {
    for (i = 1; i <= n; i++) {
      d = order[i]
      printf "   %s\n%s      + %d checksum files\n", d, files[d], sums[d]
    }
  }'
echo "stage-bundle: OK: the Central bundle of $release (Maven $maven_version) is complete, in $((SECONDS - started)) s"
