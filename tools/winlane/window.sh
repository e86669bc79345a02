# Sourced by tools/winlane/installer.sh while the program is installed (with $WINE, $program, $work set and
# DISPLAY on a 1366x768 Xvfb screen): the installed SchoolDesk.exe with Qt's windows platform in a Wine desktop of
# 1366x768 (Wine draws the title bars and maximizes, as Windows does), signed in as the demo's administrator with
# keystrokes, its main window shot into docs/windows-main-window.png.
shot=$ROOT/docs/windows-main-window.png
gui=""
stop_window() { [ -z "$gui" ] || kill "$gui" 2>/dev/null || true; /usr/lib/wine/wineserver64 -k 2>/dev/null || true
                start_wineserver; }
wait_window() {  # TEXT SECONDS: the window's "left top width height", once it is on the screen
    # Python needs a pipe for its output under Wine, and a wineserver it starts would hold that pipe open: the
    # answer comes in a file, and the pipe is not waited for.
    rm -f "$work/window.txt"
    # (Started in the same Wine desktop: a program sees only the windows of its own desktop.)
    ("$WINE" explorer "/desktop=$DESKTOP" "$(winpath "$PY/python.exe")" \
        "$(winpath "$ROOT/tools/winlane/wait_window.py")" "$1" "$2" "$(winpath "$work")\\window.txt" \
        </dev/null 2>&1 | cat >/dev/null) </dev/null >/dev/null 2>&1 &
    local waiter=$! _
    for _ in $(seq $(( $2 * 2 + 30 ))); do
        [ -s "$work/window.txt" ] && break
        kill -0 "$waiter" 2>/dev/null || [ -s "$work/window.txt" ] || break
        sleep 0.5
    done
    pkill -P "$waiter" 2>/dev/null || true
    [ -s "$work/window.txt" ] && tr -d '\r\n' <"$work/window.txt"  # (written with Windows line ends)
}

start_wineserver  # (the setup's steps may have let it end)
# The real windows platform plugin, not the tests' offscreen one. (Through a pipe: Python needs real standard
# handles under Wine, even in a windowed program.)
DESKTOP=SchoolDesk,1366x768
(WINEQT_QPA_PLATFORM=windows "$WINE" explorer "/desktop=$DESKTOP" "$program/SchoolDesk.exe" \
    </dev/null 2>&1 | cat >"$work/gui.log") &
gui=$!
login=$(wait_window "登录" 120) || { cat "$work/gui.log"; die "the installed SchoolDesk.exe showed no sign-in window"; }
sleep 3  # the database opens after the first paint; the sign-in button waits for it
desktop=$(xdotool search --name "SchoolDesk - Wine desktop" 2>/dev/null | head -n 1)
[ -n "$desktop" ] || die "no Wine desktop window on $DISPLAY"
xdotool windowfocus --sync "$desktop" 2>/dev/null || true
wait_window "登录" 5 >/dev/null  # in front again, now that the desktop has the keyboard
xdotool type --delay 80 admin
xdotool key Tab
xdotool type --delay 80 schooldesk
xdotool key Return
main=$(wait_window "青山镇" 120) || { import -window root "$work/stuck.png" 2>/dev/null; cat "$work/gui.log";
                                      die "no main window after signing in (see $work/stuck.png)"; }
sleep 12  # the home page reads the other families' lists after its first paint
import -window root "$shot" || die "could not take the screenshot"
echo "windows window: sign-in at $login; main window at $main (left top width height) on a 1366x768 screen → $shot"
stop_window
