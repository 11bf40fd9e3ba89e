#!/usr/bin/env bash
# Packs the Linux onedir bundle (dist/prossimo, from installers/build-linux.sh) as a Debian
# package: dist/prossimo_VERSION_amd64.deb, reproducibly.
#
# Owns: the package's layout (/opt/prossimo, the /usr/bin/prossimo launcher, the .desktop
# entry, the hicolor icon, AppStream metainfo, /usr/share/doc/prossimo/copyright), its
# control file (Depends: the system libraries Qt's xcb plugin loads, the list of
# scripts/ensure-desktop-libs.sh) and the fixed packing (owner root:root, modes 0755/0644,
# every mtime = SOURCE_DATE_EPOCH, dpkg-deb's sorted archive). It validates the .desktop
# entry (desktop-file-validate) and the metainfo (appstreamcli validate --no-net) and
# stops naming the file and the problem when either fails. Must never change dist/prossimo,
# and never sign: installers/sign.sh signs the .deb and SHA256SUMS.
#
# Usage: installers/build-deb.sh [--dist DIR]   (DIR holds prossimo/; default: the checkout's dist)
set -euo pipefail

die() {
    echo "build-deb.sh: $*" >&2
    exit 1
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST="$ROOT/dist"
while [ $# -gt 0 ]; do
    case "$1" in
    --dist)
        [ $# -ge 2 ] || die "--dist needs a folder"
        DIST=$2
        shift
        ;;
    *) die "unknown option $1" ;;
    esac
    shift
done
for tool in dpkg-deb desktop-file-validate appstreamcli git python3; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool (Debian: apt-get install dpkg desktop-file-utils appstream git python3)"
done
DIST=$(cd "$DIST" 2>/dev/null && pwd) || die "no folder $DIST"
[ -x "$DIST/prossimo/prossimo" ] || die "$DIST/prossimo/prossimo is missing: build the bundle first (installers/build-linux.sh)"

APP_ID="org.prossimo.Prossimo"
VERSION=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct)}
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C.UTF-8
RELEASE_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
umask 022

STAGE="$DIST/deb-root"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/prossimo"
cp -a "$DIST/prossimo" "$STAGE/opt/prossimo"

# A script, not a symlink: the bundle finds its _internal folder next to the real binary.
cat >"$STAGE/usr/bin/prossimo" <<'EOF'
#!/bin/sh
exec /opt/prossimo/prossimo "$@"
EOF
chmod 0755 "$STAGE/usr/bin/prossimo"

cp "$ROOT/desktop/ui/icons/app.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"

cat >"$STAGE/usr/share/applications/$APP_ID.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=Prossimo
GenericName=Outreach field kit
GenericName[it]=Kit per il lavoro di strada
GenericName[fi]=Etsivän työn työkalu
Comment=Encrypted, offline-first case notes, appointments and service directory for outreach workers
Comment[it]=Contatti, appuntamenti e rubrica dei servizi, cifrati e utilizzabili offline
Comment[fi]=Salattu asiakastyön muistio, ajanvaraukset ja palveluhakemisto, myös ilman verkkoa
Exec=prossimo
Icon=org.prossimo.Prossimo
Terminal=false
Categories=Office;Database;
Keywords=outreach;social;services;directory;contacts;
StartupNotify=true
EOF
desktop-file-validate "$STAGE/usr/share/applications/$APP_ID.desktop" ||
    die "usr/share/applications/$APP_ID.desktop is not a valid desktop entry (desktop-file-validate above)"

cat >"$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>$APP_ID</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>AGPL-3.0-or-later</project_license>
  <name>Prossimo</name>
  <summary>Encrypted offline field kit for outreach workers</summary>
  <description>
    <p>
      Prossimo keeps the people outreach workers support, their appointments, case notes,
      consents and referrals, and a directory of local services on the worker's own laptop,
      encrypted and usable without a network. When a connection is available it syncs with
      the organisation's central service.
    </p>
  </description>
  <launchable type="desktop-id">$APP_ID.desktop</launchable>
  <developer id="org.prossimo">
    <name>The Prossimo project</name>
  </developer>
  <url type="homepage">https://prossimo.org/</url>
  <categories>
    <category>Office</category>
  </categories>
  <provides>
    <binary>prossimo</binary>
  </provides>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="$VERSION" date="$RELEASE_DATE"/>
  </releases>
</component>
EOF
appstreamcli validate --no-net --explain "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml" ||
    die "usr/share/metainfo/$APP_ID.metainfo.xml does not validate (appstreamcli above)"

cat >"$STAGE/usr/share/doc/prossimo/copyright" <<'EOF'
Prossimo is free software: GNU Affero General Public License, version 3 or later
(SPDX: AGPL-3.0-or-later). It bundles Qt (LGPL-3.0), Python (PSF-2.0), SQLCipher
(BSD-3-Clause) and the Python packages listed in installers/requirements-build.lock,
each under its own licence, and the DejaVu fonts (opt/prossimo/_internal/desktop/ui/handout_fonts/copyright).
EOF

# The libraries Qt's xcb plugin loads, as ensure-desktop-libs.sh lists them (soname package).
depends=$(sed -n '/^LIBRARIES="/,/^"/p' "$ROOT/scripts/ensure-desktop-libs.sh" | awk 'NF == 2 {print $2}' | sort -u | paste -sd, | sed 's/,/, /g')
[ -n "$depends" ] || die "no library list found in scripts/ensure-desktop-libs.sh"
installed_size=$(du -sk --apparent-size "$STAGE" | cut -f1)
# glibc of the build machine (Debian 12: 2.36): the bundle's binaries need at least it.
# (awk reads all of ldd's output: `| head` would end ldd with SIGPIPE, which pipefail turns
# into a silent exit.)
glibc=$(ldd --version | awk 'NR == 1 {print $NF}')
cat >"$STAGE/DEBIAN/control" <<EOF
Package: prossimo
Version: $VERSION
Architecture: amd64
Maintainer: The Prossimo project <releases@prossimo.org>
Installed-Size: $installed_size
Depends: libc6 (>= $glibc), $depends, fontconfig-config
Section: misc
Priority: optional
Homepage: https://prossimo.org/
Description: encrypted offline field kit for outreach workers
 Prossimo keeps contacts, appointments, case notes, consents, referrals and a
 directory of local services on the worker's laptop, encrypted and usable
 offline, and syncs with the organisation's central service when online.
 Check an installation with: prossimo --self-test
EOF
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$STAGE/DEBIAN/md5sums"

# Fixed modes and times, so the same bundle gives the same bytes. gzip, not xz: xz takes
# minutes of one core for the ~240 MiB bundle and saves little on these already-compressed libraries.
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f -perm /u+x -exec chmod 0755 {} +
find "$STAGE" -type f ! -perm /u+x -exec chmod 0644 {} +
find "$STAGE" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

DEB="$DIST/prossimo_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip -z9 --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"
echo "Built $DEB ($(du -h "$DEB" | cut -f1)), sha256 $(sha256sum "$DEB" | cut -d' ' -f1)"
