#!/usr/bin/env bash
# The setup of the real Windows build, checked under Wine: see tools/winlane/installer.sh (compile with Inno Setup,
# install silently, run the installed program, shoot its window, uninstall, keep the data folder). It needs the
# Windows build first: tools/winlane/lane.sh freeze.
set -euo pipefail
cd "$(dirname "$0")/.."
exec tools/winlane/lane.sh installer
