# Sourced by tools/winlane/installer.sh while the program is installed (with $WINE, $program, $work set and
# DISPLAY on a 1366x768 Xvfb screen): the installed SchoolDesk.exe with Qt's windows platform, signed in as the
# demo's administrator with keystrokes, its main window shot into docs/windows-main-window.png.
shot=$ROOT/docs/windows-main-window.png
gui=""
stop_window() { [ -z "$gui" ] || kill "$gui" 2>/dev/null || true; /usr/lib/wine/wineserver64 -k 2>/dev/null || true; }

# The real windows platform plugin, not the tests' offscreen one.
# (Through a pipe: Python needs real standard handles under Wine, even in a windowed program.)
(WINEQT_QPA_PLATFORM=windows "$WINE" "$program/SchoolDesk.exe" </dev/null 2>&1 | cat >"$work/gui.log") &
gui=$!
find_window() {  # the newest visible window whose title has $1, waiting up to $2 seconds
    local id="" _
    for _ in $(seq "$(( $2 * 2 ))"); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -n 1)
        [ -n "$id" ] && { echo "$id"; return 0; }
        kill -0 "$gui" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}
login=$(find_window "登录" 120) || { cat "$work/gui.log"; die "the installed SchoolDesk.exe showed no sign-in window"; }
sleep 3  # the database opens after the first paint; the sign-in button waits for it
xdotool windowfocus --sync "$login" 2>/dev/null || true
xdotool type --delay 80 admin
xdotool key Tab
xdotool type --delay 80 schooldesk
xdotool key Return
main=$(find_window "青山镇" 120) || { import -window root "$work/stuck.png" 2>/dev/null; cat "$work/gui.log"; die "no main window after signing in (see $work/stuck.png)"; }
sleep 12  # the home page reads the other families' lists after its first paint
import -window root "$shot" || die "could not take the screenshot"
geometry=$(xdotool getwindowgeometry "$main" | sed -n 's/.*Geometry: //p')
echo "windows window: main window $geometry on a 1366x768 screen → $shot"
stop_window
