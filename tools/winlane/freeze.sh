# Sourced by tools/winlane/lane.sh: the real Windows build. PyInstaller runs under the Windows python on
# installer/schooldesk.spec and leaves dist/windows/SchoolDesk; the frozen schooldesk-cli.exe then runs selftest,
# init, import-students, export to a folder and verify, each of which must succeed.
ready
out=${WINDOWS_DIST:-$ROOT/dist/windows}
work=$LANE/freeze
rm -rf "$work" && mkdir -p "$work"
[ -f translations/schooldesk_zh_CN.qm ] || ./dev.sh setup >/dev/null
app=$out/SchoolDesk
if [ "${WINLANE_REUSE:-0}" = 1 ] && [ -f "$app/schooldesk-cli.exe" ]; then
    say "reusing $app (WINLANE_REUSE=1)"
else
say "PyInstaller $PYINSTALLER_VERSION under the Windows python"
started=$(date +%s)
winpy -m PyInstaller --noconfirm --clean --log-level ERROR --distpath "$(winpath "$out")" \
    --workpath "$(winpath "$work/build")" installer/schooldesk.spec >"$work/pyinstaller.log" 2>&1 \
    || { tail -n 40 "$work/pyinstaller.log"; die "PyInstaller failed"; }
[ -f "$app/SchoolDesk.exe" ] && [ -f "$app/schooldesk-cli.exe" ] || { tail -n 40 "$work/pyinstaller.log"; die "no exe in $app"; }
echo "windows frozen: built in $(( $(date +%s) - started )) s, $(du -sm "$app" | cut -f1) MB"
fi

# A stand-in DLL must never travel with the program (Windows 10+ has the real ones).
for name in icuuc mscms bcryptprimitives; do
    [ -z "$(find "$app" -iname "$name.dll")" ] || die "$name.dll (a lane stand-in) is in the frozen folder"
done

# The frozen command line on a data folder with Chinese, a space, # and % in its name.
frozen_checks() {
    local cli=$1 label=$2 where=$3
    local data="$where/数据 #1 %20" stick="$where/U盘 E#%"
    mkdir -p "$stick"
    printf 'a long password\n' > "$where/password.txt"
    "$ROOT/.venv/bin/python" "$ROOT/tools/winlane/roster.py" "$where/花名册.xlsx"
    step() {
        printf '  %-34s' "$label: $1"; shift
        if "$WINE64" "$cli" "$@" </dev/null 2>&1 | cat >"$where/step.log"; then echo ok; else
            echo FAILED; iconv -f GB18030 -t UTF-8 "$where/step.log" || cat "$where/step.log"; die "$label: the frozen program failed"; fi
    }
    step "selftest" selftest --data-dir "$(winpath "$where/selftest")"
    step "init" --data-dir "$(winpath "$data")" init --school-name 石桥村小学 --school-code 2141051203 \
        --year 2026 --admin admin --password-file "$(winpath "$where/password.txt")"
    step "import-students" --data-dir "$(winpath "$data")" import-students "$(winpath "$where/花名册.xlsx")" --school-year 2026
    step "demo (a second school)" --data-dir "$(winpath "$where/demo")" demo
    step "export to a folder" --data-dir "$(winpath "$where/demo")" export --out "$(winpath "$stick")" --workers 2
    local bundle
    bundle=$(find "$stick" -mindepth 1 -maxdepth 1 -name '*报送材料' | head -n 1)
    [ -n "$bundle" ] || die "$label: export wrote no bundle into $stick"
    step "verify" verify "$(winpath "$bundle")"
    step "export the imported school" --data-dir "$(winpath "$data")" export --out "$(winpath "$stick")"
    step "county-merge (SQLite store)" county-merge "$(winpath "$bundle")" --out "$(winpath "$where/汇总")" \
        --receiver 示范县教育局
    [ -n "$(find "$where/汇总" -name '汇总_控辍保学台账_*.xlsx')" ] || die "$label: county-merge wrote no merged register"
    if [ -n "${SCHOOLDESK_TEST_POSTGRES:-}" ]; then
        step "county-merge (PostgreSQL store)" county-merge "$(winpath "$bundle")" --out "$(winpath "$where/汇总 pg")" \
            --database "$SCHOOLDESK_TEST_POSTGRES"
    elif [ -n "${CI:-}" ]; then
        die "$label: CI gave no PostgreSQL server (SCHOOLDESK_TEST_POSTGRES) for the frozen county-merge"
    fi
}
frozen_checks "$app/schooldesk-cli.exe" frozen "$work/run"
echo "windows frozen: selftest, init, import-students, export, verify and county-merge ok"
