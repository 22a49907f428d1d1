#!/usr/bin/env bash
# Checks that what goes to Maven Central is complete. For every module of the reactor (the parent,
# each jar module and the BOM): the .pom; for jar modules also the .jar, -sources.jar and
# -javadoc.jar; POM metadata Central asks for (name, description, url, license, developer, scm:
# a module's own POM or the parent it names); a module name (a descriptor or an
# Automatic-Module-Name) in each main jar; a BOM that
# has no parent and pins only this project's artifacts. Exits 1 naming everything missing.
#
#   scripts/check-bundle.sh
#       CI: builds with `mvn -P release -Dgpg.skip=true clean install` (Maven 3.8.7 is enough) and
#       checks the local repository, each file byte-equal to what this build made (so a leftover
#       of an older build does not count). No checksums or signatures there: the publishing
#       plugin and GPG add them at deploy time.
#   scripts/check-bundle.sh [--unsigned] target/central-publishing/central-bundle.zip
#       A release: checks the bundle staged by `mvn -P release deploy -DskipUpload=true` (Maven
#       3.9.2+, a release version): additionally every file's .md5 and .sha1 (verified; .sha256 and
#       .sha512 too where present) and its .asc signature (not with --unsigned, for a bundle built
#       with -Dgpg.skip=true).
#   scripts/check-bundle.sh DIR
#       A directory in Maven repository layout (a local or staging repository): files and POMs.
#
# The version checked is the root POM's; --version V overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."

unsigned=0
version=""
target=""
while (($#)); do
  case "$1" in
    --unsigned) unsigned=1 ;;
    --version) version=$2; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "check-bundle: unknown option $1" >&2; exit 2 ;;
    *) target=$1 ;;
  esac
  shift
done

group=com.sfcompute
group_path=${group//.//}

# A POM on one line, without comments.
flat() { perl -0777 -pe 's/<!--.*?-->//gs; s/\s+/ /g' "$1"; }

# The first <tag> of a POM outside <parent> (the module's own coordinates, name, ...).
own() {
  flat "$2" | perl -pe 's|<parent>.*?</parent>||s' | grep -o "<$1>[^<]*</$1>" | head -1 \
    | sed -E "s|</?$1>||g; s/^ +| +\$//g" || true
}

if [[ -z "$version" ]]; then
  version=$(own version pom.xml)
fi

# Published artifacts, from the reactor: "artifactId packaging module-directory" per line.
artifacts=$(
  echo "$(own artifactId pom.xml) pom ."
  flat pom.xml | grep -o '<module>[^<]*</module>' | sed -E 's|</?module>||g' | while read -r module; do
    # A module that is not published says so the usual way (and is in the publishing plugin's
    # excludeArtifacts, since that plugin ignores maven.deploy.skip).
    flat "$module/pom.xml" | grep -q '<maven.deploy.skip>true</maven.deploy.skip>' && continue
    packaging=$(own packaging "$module/pom.xml")
    echo "$(own artifactId "$module/pom.xml") ${packaging:-jar} $module"
  done
)

work=$(mktemp -d "${TMPDIR:-/tmp}/check-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
built=0
checksums=0
signatures=0

if [[ -z "$target" ]]; then
  built=1
  echo "== mvn -B -q -P release -Dgpg.skip=true -DskipTests clean install"
  mvn -B -q -P release -Dgpg.skip=true -DskipTests -Dspotless.check.skip=true -Djapicmp.skip=true \
    clean install
  repo=$(mvn -B -q org.apache.maven.plugins:maven-help-plugin:3.5.2:evaluate -Dexpression=settings.localRepository -DforceStdout -N \
    | sed 's/\x1b\[[0-9;]*m//g')
  echo "== checking what this build installed in $repo"
elif [[ -f "$target" ]]; then
  repo=$work/bundle
  mkdir -p "$repo"
  unzip -q "$target" -d "$repo"
  checksums=1
  ((unsigned)) || signatures=1
  echo "== checking the bundle $target"
elif [[ -d "$target" ]]; then
  repo=$(cd "$target" && pwd)
  echo "== checking the repository layout under $repo"
else
  echo "check-bundle: no such file or directory: $target" >&2
  exit 2
fi

missing=()
miss() { missing+=("$1"); }

check_file() { # $1: the artifact's directory, $2: file name, $3: the module's directory
  local f=$1/$2 source
  if [[ ! -s "$f" ]]; then
    miss "$2"
    return
  fi
  if ((built)); then
    # The local repository may hold files of older builds: each must be what this build made.
    if [[ $2 == *.pom ]]; then
      # Every module publishes its own POM (the stand-in's marks what it bundles optional).
      source=$3/pom.xml
    else
      source=$3/target/$2
    fi
    if [[ ! -f "$source" ]]; then
      miss "$2 (an older build's: this build made no $source)"
    elif ! cmp -s "$f" "$source"; then
      miss "$2 (differs from this build's $source)"
    fi
  fi
}

check_checksums_and_signature() {
  local f=$1 name
  name=$(basename "$f")
  if ((checksums)); then
    local algo tool
    for algo in md5 sha1 sha256 sha512; do
      tool=${algo}sum
      if [[ -f "$f.$algo" ]]; then
        if [[ "$(cut -c1-128 "$f.$algo" | tr -d ' \n')" != "$($tool "$f" | cut -d' ' -f1)" ]]; then
          miss "$name.$algo (does not match the file)"
        fi
      elif [[ $algo == md5 || $algo == sha1 ]]; then
        miss "$name.$algo"
      fi
    done
  fi
  if ((signatures)); then
    if [[ ! -f "$f.asc" ]]; then
      miss "$name.asc"
    elif ! grep -q "BEGIN PGP SIGNATURE" "$f.asc"; then
      miss "$name.asc (not an ASCII-armoured signature)"
    fi
  fi
}

tag_in() { flat "$2" | grep -Eq "<$1[ >]"; }

while read -r aid packaging module; do
  dir=$repo/$group_path/$aid/$version
  base=$aid-$version
  before=${#missing[@]}
  check_file "$dir" "$base.pom" "$module"
  if [[ $packaging == jar ]]; then
    check_file "$dir" "$base.jar" "$module"
    check_file "$dir" "$base-sources.jar" "$module"
    check_file "$dir" "$base-javadoc.jar" "$module"
  fi
  if [[ -d "$dir" ]]; then
    # Every file of the artifact (attached extras such as -standalone.jar included).
    for f in "$dir/$base".pom "$dir/$base"*.jar; do
      [[ -f "$f" ]] && check_checksums_and_signature "$f"
    done
  fi
  pom=$dir/$base.pom
  if [[ -s "$pom" ]]; then
    has_parent=$(flat "$pom" | grep -c "<parent>" || true)
    for t in name description; do
      [[ -n "$(own $t "$pom")" ]] || miss "$base.pom: <$t>"
    done
    if ((has_parent == 0)); then
      for t in url licenses developers scm; do
        tag_in $t "$pom" || miss "$base.pom: <$t> (and no parent to inherit it from)"
      done
    else
      parent_aid=$(flat "$pom" | grep -o '<parent>.*</parent>' | grep -o '<artifactId>[^<]*' | head -1 | cut -d'>' -f2)
      grep -q "^$parent_aid pom " <<< "$artifacts" || miss "$base.pom: parent $parent_aid is not published"
    fi
    if [[ $aid == *-bom ]]; then
      ((has_parent == 0)) || miss "$base.pom: a <parent> (its dependencyManagement would leak into importers)"
      foreign=$(flat "$pom" | grep -o '<dependencyManagement>.*</dependencyManagement>' \
        | grep -o '<groupId>[^<]*' | cut -d'>' -f2 | grep -vx "$group" || true)
      [[ -z "$foreign" ]] || miss "$base.pom: pins artifacts of other groups: $(echo $foreign)"
      while read -r other other_packaging _; do
        [[ $other_packaging == jar ]] || continue
        flat "$pom" | grep -q "<artifactId>$other</artifactId>" || miss "$base.pom: does not pin $other"
      done <<< "$artifacts"
    fi
  fi
  if [[ $packaging == jar && -s "$dir/$base.jar" ]]; then
    # A real module descriptor (in the Java 9+ layer of a multi-release jar), else an
    # Automatic-Module-Name: either way a stable module name.
    module_name=""
    if unzip -Z1 "$dir/$base.jar" | grep -qx 'META-INF/versions/9/module-info.class'; then
      module_name=$(jar --describe-module --file "$dir/$base.jar" --release 9 2>/dev/null \
        | grep ' jar:file:' | head -1 | cut -d' ' -f1 | cut -d'@' -f1)
    fi
    if [[ -z "$module_name" ]]; then
      module_name=$(unzip -p "$dir/$base.jar" META-INF/MANIFEST.MF | tr -d '\r' \
        | sed -n 's/^Automatic-Module-Name: //p')
    fi
    [[ -n "$module_name" ]] || miss "$base.jar: a module descriptor or an Automatic-Module-Name"
  else
    module_name=""
  fi
  if ((${#missing[@]} == before)); then
    echo "   ok  $group:$aid:$version ($packaging${module_name:+, module $module_name})"
  else
    echo "   --  $group:$aid:$version ($packaging)"
  fi
done <<< "$artifacts"

if ((${#missing[@]})); then
  echo "check-bundle: FAILED: the bundle for Maven Central is incomplete; missing or wrong:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "check-bundle: OK: $(wc -l <<< "$artifacts") artifacts of $group $version complete" \
  "($( ((checksums)) && echo "checksums verified" || echo "no checksums asked")," \
  "$( ((signatures)) && echo "signatures present" || echo "no signatures asked"))"
