# Sourced by tools/winlane/lane.sh: bench/startup.py under the Windows python (offscreen, Chinese code page): the
# sign-in and main windows against a bare PySide6 window timed in the same run on the same interpreter.
ready
winpy bench/startup.py --runs "${BENCH_RUNS:-3}" | iconv -f GB18030 -t UTF-8
