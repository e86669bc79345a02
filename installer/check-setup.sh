#!/usr/bin/env bash
# Compile installer/schooldesk.iss with Inno Setup's own compiler (ISCC.exe from the npm package innosetup 6.4.1)
# under Wine, install the result silently for the current user, check the files, both shortcuts and the
# uninstall entry, plant a data folder, uninstall silently, and check that the program is gone and the data
# folder is still there. The payload is the Linux frozen folder from installer/check-frozen.sh (Inno Setup only
# copies files: the point is the script and the install mechanics).
#
# Wine runs in a private WINEPREFIX and HOME under a temporary folder. ISCC is 32-bit: it needs Wine's 32-bit
# packages (wine32:i386). When apt cannot install them this prints one line saying so and exits 0, or 1 when
# CI_REQUIRE_WINE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
INNO_VERSION=6.4.1
frozen=${FROZEN_OUT:-dist/frozen}/SchoolDesk
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' schooldesk/__init__.py)
work=$(mktemp -d)
trap 'WINEPREFIX="$work/prefix" "${WINESERVER:-wineserver}" -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

no_wine() {
    echo "check-setup: Wine's 32-bit packages could not be installed here ($1); the installer was not checked."
    [ "${CI_REQUIRE_WINE:-0}" = 1 ] && exit 1
    exit 0
}

install_wine32() {
    # Debian's i386 and amd64 copies of a library must have the same version; where the amd64 one came from a
    # security update the i386 mirror lacks, pin both to the version i386 has and try again.
    sudo_if_needed dpkg --add-architecture i386
    sudo_if_needed apt-get update -qq >/dev/null
    local pins="" round
    for round in 1 2 3 4 5 6; do
        if sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                --allow-downgrades $pins wine32:i386 xvfb xauth >"$work/apt.log" 2>&1; then
            return 0
        fi
        local blocked
        blocked=$(grep -oE '[a-z0-9.+-]+:i386 \(' "$work/apt.log" | sed 's/ (//' | sort -u)
        [ -n "$blocked" ] || return 1
        for package in $blocked; do
            local name=${package%:i386} candidate
            candidate=$(apt-cache policy "$name:i386" | awk '/Candidate/ {print $2}')
            [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && pins="$pins $name:amd64=$candidate $name:i386=$candidate"
        done
    done
    return 1
}

[ -d "$frozen" ] || { echo "check-setup: no frozen folder at $frozen (run installer/check-frozen.sh first)"; exit 1; }
if [ ! -x /usr/lib/wine/wine ]; then
    install_wine32 || no_wine "$(tail -n 1 "$work/apt.log" 2>/dev/null)"
fi
WINE=/usr/lib/wine/wine  # the 32-bit loader: wine64 alone would exit 0 and compile nothing
WINESERVER=$(ls /usr/lib/wine/wineserver32 /usr/lib/wine/wineserver 2>/dev/null | head -n 1)
command -v xvfb-run >/dev/null || sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth >/dev/null

export WINEPREFIX="$work/prefix" HOME="$work/home" WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
mkdir -p "$HOME"
(cd "$work" && npm install --silent --no-audit --no-fund "innosetup@$INNO_VERSION" >/dev/null)
iscc="$work/node_modules/innosetup/bin/ISCC.exe"

payload="$work/payload"
cp -r "$frozen" "$payload"
cp "$payload/SchoolDesk" "$payload/SchoolDesk.exe"  # the shortcuts name the Windows program
winpath() { "$WINE" winepath -w "$1" 2>/dev/null | tr -d '\r'; }
xvfb-run -a "$WINE" wineboot --init >/dev/null 2>&1 || true
"$WINE" reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1  # the setup wants Windows 10 1809+

started=$(date +%s)
xvfb-run -a "$WINE" "$iscc" /Q /DWineCheck "/DAppVersion=$version" "/DSourceDir=$(winpath "$payload")" \
    "/DOutputDir=$(winpath "$work/out")" "$(winpath "$PWD/installer/schooldesk.iss")" >"$work/iscc.log" 2>&1 || true
setup="$work/out/SchoolDesk-Setup-$version.exe"
[ -s "$setup" ] || { echo "check-setup: ISCC wrote no $setup"; cat "$work/iscc.log"; exit 1; }
echo "compiled $(basename "$setup") ($(du -m "$setup" | cut -f1) MB) in $(( $(date +%s) - started )) s"

user=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x -e Public | head -n 1)
profile="$WINEPREFIX/drive_c/users/$user"
program="$profile/AppData/Local/Programs/SchoolDesk"
data="$profile/AppData/Local/SchoolDesk"
rc=0
xvfb-run -a "$WINE" "$setup" /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER /TASKS=desktopicon \
    "/LOG=$(winpath "$work/install.log")" >"$work/install.out" 2>&1 || rc=$?
"$WINESERVER" -w 2>/dev/null || true
[ "$rc" = 0 ] || { echo "check-setup: the setup exited with $rc"; tail -n 20 "$work/install.log" "$work/install.out" 2>/dev/null; exit 1; }

ok=1
check() { if eval "$2"; then echo "  ok      $1"; else echo "  FAILED  $1"; ok=0; fi; }
check "program installed per user" '[ -f "$program/SchoolDesk.exe" ] && [ -d "$program/_internal" ]'
check "start-menu shortcut" 'find "$profile" -path "*Start Menu/Programs*" -name "学校档案桌面 (SchoolDesk).lnk" | grep -q .'
check "desktop shortcut" 'find -L "$profile" "$HOME" -path "*Desktop*" -name "学校档案桌面 (SchoolDesk).lnk" 2>/dev/null | grep -q .'
check "uninstall entry" '"$WINE" reg query "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6B1F3C52-7E0A-4C55-9A57-5C4F2E0B9D11}_is1" 2>/dev/null | grep -q DisplayName'

mkdir -p "$data/backups"  # the school's records, as the app keeps them
echo "planted" > "$data/schooldesk.sqlite3"
xvfb-run -a "$WINE" "$program/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES >"$work/uninstall.out" 2>&1 || true
"$WINESERVER" -w 2>/dev/null || true
sleep 2
check "program removed by the uninstaller" '[ ! -e "$program/SchoolDesk.exe" ] && [ ! -d "$program/_internal" ]'
check "data folder kept" '[ "$(cat "$data/schooldesk.sqlite3")" = planted ] && [ -d "$data/backups" ]'
check "uninstall entry removed" '! "$WINE" reg query "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6B1F3C52-7E0A-4C55-9A57-5C4F2E0B9D11}_is1" >/dev/null 2>&1'
[ "$ok" = 1 ] || exit 1
echo "check-setup: install and uninstall checked; the data folder was kept"
