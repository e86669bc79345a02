# Sourced by tools/winlane/lane.sh: the setup of the real Windows build (dist/windows/SchoolDesk from the freeze
# step). Inno Setup's own compiler (ISCC.exe from the npm package innosetup) runs under Wine; the setup installs
# silently for the current user into a fresh 64-bit prefix; files, shortcuts and the uninstall entry are checked;
# the *installed* schooldesk-cli.exe runs selftest, demo, export and verify; the installed SchoolDesk.exe is started
# with Qt's windows platform under Xvfb, signed in and its main window shot at 1366x768 into docs/; then the
# uninstaller removes the program and keeps the data folder. Every step that cannot be done fails the lane.
ready
app=${WINDOWS_DIST:-$ROOT/dist/windows}/SchoolDesk
[ -f "$app/SchoolDesk.exe" ] || die "no Windows build at $app (run tools/winlane/lane.sh freeze first)"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' schooldesk/__init__.py)
work=$LANE/setup
rm -rf "$work" && mkdir -p "$work"

install_wine32() {
    # ISCC.exe is a 32-bit program. Debian's i386 and amd64 copies of a library must have the same version; where
    # the amd64 one came from a security update the i386 mirror lacks, pin both to the i386 one and try again.
    # apt speaks the lane's language (zh_CN: 候选 for Candidate): its answers are read in the C locale.
    [ -x /usr/lib/wine/wine ] && return 0
    sudo_if_needed dpkg --add-architecture i386
    apt_update
    local pins="" round
    for round in 1 2 3 4 5 6; do
        if sudo_if_needed env DEBIAN_FRONTEND=noninteractive LC_ALL=C LANGUAGE= apt-get install -y -q --no-install-recommends \
                --allow-downgrades $pins wine32:i386 >"$work/apt.log" 2>&1; then
            return 0
        fi
        local blocked package
        blocked=$(grep -oE '[a-z0-9.+-]+:i386 \(' "$work/apt.log" | sed 's/ (//' | sort -u)
        [ -n "$blocked" ] || break
        for package in $blocked; do
            local name=${package%:i386} candidate
            case "$pins " in *" $name:i386="*) continue ;; esac
            candidate=$(LC_ALL=C LANGUAGE= apt-cache policy "$name:i386" | awk '/Candidate/ {print $2}')
            [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && pins="$pins $name:amd64=$candidate $name:i386=$candidate"
        done
    done
    say "after $round rounds apt still refuses; pinned:$pins"
    tail -n 5 "$work/apt.log"
    die "Wine's 32-bit part (wine32:i386), which Inno Setup's compiler needs, could not be installed"
}
install_wine32
(cd "$work" && npm install --silent --no-audit --no-fund "innosetup@$INNO_VERSION" >/dev/null) \
    || die "npm could not install innosetup@$INNO_VERSION"
iscc="$work/node_modules/innosetup/bin/ISCC.exe"
[ -f "$iscc" ] || die "the innosetup package has no ISCC.exe"

# A fresh 64-bit prefix with 32-bit support, the stand-ins and the fonts, as a Windows 10 PC would be.
PREFIX=$LANE/prefix-setup
rm -f "$PREFIX/.ready"
make_prefix "$PREFIX"
export WINEPREFIX=$PREFIX
start_wineserver
windows_fonts
WINE=/usr/lib/wine/wine64

# A screen: Inno Setup builds its wizard's window even when silent, and the window shot needs one (1366x768).
display=""
for number in $(seq 90 120); do
    [ -e "/tmp/.X$number-lock" ] || [ -e "/tmp/.X11-unix/X$number" ] || { display=":$number"; break; }
done
[ -n "$display" ] || die "no free X display number for Xvfb"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; /usr/lib/wine/wineserver64 -k 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
xdotool getdisplaygeometry >/dev/null 2>&1 || die "Xvfb did not start on $display"

started=$(date +%s)
"$WINE" "$iscc" /Q "/DAppVersion=$version" "/DSourceDir=$(winpath "$app")" "/DOutputDir=$(winpath "$work/out")" \
    "$(winpath "$ROOT/installer/schooldesk.iss")" </dev/null >"$work/iscc.log" 2>&1 || true
setup="$work/out/SchoolDesk-Setup-$version.exe"
[ -s "$setup" ] || { cat "$work/iscc.log"; die "ISCC wrote no $setup"; }
echo "windows setup: compiled $(basename "$setup") ($(du -m "$setup" | cut -f1) MB) in $(( $(date +%s) - started )) s"

user=$(ls "$PREFIX/drive_c/users" | grep -v -x -e Public | head -n 1)
profile="$PREFIX/drive_c/users/$user"
program="$profile/AppData/Local/Programs/SchoolDesk"
data="$profile/AppData/Local/SchoolDesk"
rc=0
"$WINE" "$setup" /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER /TASKS=desktopicon "/LOG=$(winpath "$work/install.log")" \
    </dev/null >"$work/install.out" 2>&1 || rc=$?
/usr/lib/wine/wineserver64 -w 2>/dev/null || true
[ "$rc" = 0 ] || { tail -n 20 "$work/install.log" "$work/install.out" 2>/dev/null; die "the setup exited with $rc"; }

failed=0
check() { if eval "$2"; then echo "  ok      $1"; else echo "  FAILED  $1"; failed=1; fi; }
check "program installed per user" '[ -f "$program/SchoolDesk.exe" ] && [ -f "$program/schooldesk-cli.exe" ] && [ -d "$program/_internal" ]'
check "no lane stand-in in the program" '[ -z "$(find "$program" -iname icuuc.dll -o -iname mscms.dll -o -iname bcryptprimitives.dll)" ]'
check "start-menu shortcut" 'find "$profile" -path "*Start Menu/Programs*" -name "学校档案桌面 (SchoolDesk).lnk" | grep -q .'
check "desktop shortcut" 'find -L "$profile" -path "*Desktop*" -name "学校档案桌面 (SchoolDesk).lnk" 2>/dev/null | grep -q .'
check "uninstall entry" '"$WINE" reg query "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6B1F3C52-7E0A-4C55-9A57-5C4F2E0B9D11}_is1" </dev/null 2>/dev/null | grep -q DisplayName'
[ "$failed" = 0 ] || die "the installed program is not as it should be"

# The installed program itself: its default data folder (%LOCALAPPDATA%\SchoolDesk), a stick on another drive.
installed() {
    printf '  %-34s' "installed: $1"; shift
    if "$WINE" "$program/schooldesk-cli.exe" "$@" </dev/null 2>&1 | cat >"$work/step.log"; then echo ok; else
        echo FAILED; iconv -f GB18030 -t UTF-8 "$work/step.log" || cat "$work/step.log"; die "the installed program failed"; fi
}
stick="$LANE/sticks/usb/installed-$(date +%s)"
mkdir -p "$stick"
installed "selftest" selftest
installed "demo" demo
installed "export to E:" export --out "$(winpath "$stick")"
bundle=$(find "$stick" -mindepth 1 -maxdepth 1 -name '*报送材料' | head -n 1)
[ -n "$bundle" ] || die "the installed program wrote no bundle"
installed "verify" verify "$(winpath "$bundle")"
rm -rf "$stick"

source "$ROOT/tools/winlane/window.sh"

mkdir -p "$data/backups"
echo "planted" > "$data/planted.txt"
"$WINE" "$program/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES </dev/null >"$work/uninstall.out" 2>&1 || true  # exits 1 under Wine
/usr/lib/wine/wineserver64 -w 2>/dev/null || true
sleep 2
check "program removed by the uninstaller" '[ ! -e "$program/SchoolDesk.exe" ] && [ ! -d "$program/_internal" ]'
check "data folder kept" '[ "$(cat "$data/planted.txt")" = planted ] && [ -f "$data/schooldesk.sqlite3" ] && [ -d "$data/backups" ]'
check "uninstall entry removed" '! "$WINE" reg query "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6B1F3C52-7E0A-4C55-9A57-5C4F2E0B9D11}_is1" </dev/null >/dev/null 2>&1'
[ "$failed" = 0 ] || die "the uninstall did not go as it should"
echo "windows setup: installed, ran (selftest, demo, export, verify, the window), uninstalled; the data folder was kept"
