#!/usr/bin/env bash
# Build installer/schooldesk.spec for this (Linux) machine and run the frozen command line on a temporary data
# folder: selftest, init, demo, check and print-home-teaching. What the app imports lazily (openpyxl,
# reportlab and its fonts, pypinyin's dictionaries, PIL, Alembic's migrations, the translations) is then
# proven to be in the bundle. Fails when a step fails, when the folder is over 250 MB, or when it holds
# WebEngine / QML / Quick libraries. The frozen folder is left in $FROZEN_OUT (default dist/frozen) for
# installer/check-setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYINSTALLER_VERSION=6.22.3
MAX_MB=250
out=${FROZEN_OUT:-dist/frozen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x .venv/bin/python ] || ./dev.sh setup >/dev/null
.venv/bin/python -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
[ -f translations/schooldesk_zh_CN.qm ] || .venv/bin/pyside6-lrelease -silent translations/schooldesk_zh_CN.ts -qm translations/schooldesk_zh_CN.qm

started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level ERROR --distpath "$out" --workpath "$work/build" installer/schooldesk.spec
built=$(( $(date +%s) - started ))
app="$out/SchoolDesk"
cli="$app/schooldesk-cli"
export QT_QPA_PLATFORM=offscreen

step() { printf '  %-24s' "$1"; shift; "$@" >"$work/step.log" 2>&1 || { echo FAILED; cat "$work/step.log"; exit 1; }; echo ok; }
echo "frozen build: $app"
step "selftest (cli)" "$cli" selftest --data-dir "$work/selftest"
step "selftest (windowed)" "$app/SchoolDesk" selftest --data-dir "$work/selftest"
printf 'a long password\n' > "$work/password"
step "init" "$cli" --data-dir "$work/school" init --school-name 石桥村小学 --school-code 2141051203 --year 2025 \
    --admin admin --password-file "$work/password"
step "demo" "$cli" --data-dir "$work/demo" demo
step "check" "$cli" --data-dir "$work/demo" check
student=$(.venv/bin/python - "$work/demo/schooldesk.sqlite3" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(  # the demo's child taught at home (a pupil of the same name may exist)
    "SELECT p.student_number FROM pupil p JOIN home_teaching_plan h ON h.pupil_id = p.id"
    " ORDER BY h.school_year DESC, h.term DESC LIMIT 1").fetchone()[0])
PY
)
step "print-home-teaching" "$cli" --data-dir "$work/demo" print-home-teaching --student "$student" --out "$work/log.pdf"
[ -s "$work/log.pdf" ] || { echo "print-home-teaching wrote no PDF"; exit 1; }
step "export-register (xlsx)" "$cli" --data-dir "$work/demo" export-register all --out "$work/registers.xlsx"
mkdir -p "$work/stick"  # the bundle's PDFs in worker processes: the frozen exe must start them (freeze_support)
step "export (2 workers)" "$cli" --data-dir "$work/demo" export --out "$work/stick" --workers 2
step "verify" "$cli" verify "$(find "$work/stick" -mindepth 1 -maxdepth 1 -name '*报送材料')"

size=$(du -sm "$app" | cut -f1)
unwanted=$(find "$app" \( -iname '*WebEngine*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' -o -iname 'libQt6Qml*' \
    -o -iname 'libQt6Quick*' -o -iname 'QtQml*' -o -iname 'QtQuick*' \) | head -5)
echo "frozen: built in ${built} s, ${size} MB (limit ${MAX_MB} MB)"
[ -z "$unwanted" ] || { echo "unused Qt in the bundle:"; echo "$unwanted"; exit 1; }
[ "$size" -le "$MAX_MB" ] || { echo "the frozen folder is over ${MAX_MB} MB"; exit 1; }
