#!/usr/bin/env bash
# SchoolDesk developer entry point. Sets up everything it needs, then:
#   ./dev.sh demo   open the app on a demo school (data in .demo-data/)
#   ./dev.sh test   run the whole test suite headless (extra arguments go to pytest)
#   ./dev.sh setup  only set up (system packages, .venv, translations)
# Works on a fresh Debian/Ubuntu machine with Python 3.11 and git; uses sudo for apt when not root.
set -euo pipefail
cd "$(dirname "$0")"

# Headless Qt, Chinese glyphs, and PDF inspection for the tests (see ../shared/STACK.md).
APT_BASE="libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 fonts-wqy-microhei poppler-utils poppler-data"
# A real browser for the phone's upload page (test_phone_photos.py drives it headless, as a phone would).
APT_BASE="$APT_BASE chromium chromium-driver"
# A second word processor that opens the drafted work summaries (test_work_summaries.py converts them with it).
APT_BASE="$APT_BASE libreoffice-writer-nogui"
# A real PostgreSQL server for the 汇总 store's tests (test_county_merge.py starts a throw-away cluster of it).
APT_BASE="$APT_BASE postgresql"
# A real window on an X display needs these too.
APT_DISPLAY="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1"
PYTHON="${PYTHON:-python3}"
VENV=.venv

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        say "Please install these system packages yourself: ${missing[*]}"
        return 0
    fi
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
    local extra=()
    "$PYTHON" -c "import ensurepip, venv" 2>/dev/null || extra+=("python3-venv")
    apt_install $APT_BASE "${extra[@]}" "$@"
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    if [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
        say "Installing SchoolDesk and its test tools into $VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e '.[test]'
        touch "$VENV/.installed"
    fi
    say "Compiling translations"
    "$VENV/bin/pyside6-lrelease" -silent translations/schooldesk_zh_CN.ts -qm translations/schooldesk_zh_CN.qm
}

run_tests() {
    setup
    say "Running the test suite"
    local status=0
    # The suite starts some 250 Python processes (every command is tested as a script runs it): each reads
    # SchoolDesk's compiled modules from __pycache__ (git-ignored) instead of compiling them again, whatever
    # the shell says (PYTHONDONTWRITEBYTECODE costs the suite half a minute of CPU).
    unset PYTHONDONTWRITEBYTECODE
    # One worker per core (pytest-xdist; tests that wait on a process leave the core to the other), each test
    # taken by whichever worker is free; `./dev.sh test -n 0` runs them in one process.
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -n auto --dist worksteal "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        say "pytest ran no test: that is a failure"
        return 1
    fi
    return "$status"
}

run_demo() {
    setup $APT_DISPLAY
    local data=.demo-data
    if [ ! -f "$data/schooldesk.sqlite3" ]; then
        "$VENV/bin/schooldesk" demo --data-dir "$data"
    fi
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        say "No display found: start the app from a desktop session (or run it under xvfb-run)."
        return 1
    fi
    exec "$VENV/bin/schooldesk" --data-dir "$data" "$@"
}

case "${1:-}" in
    demo) shift; run_demo "$@" ;;
    test) shift; run_tests "$@" ;;
    setup) shift; setup "$@" ;;
    *) echo "usage: ./dev.sh demo | test [pytest args] | setup" >&2; exit 2 ;;
esac
