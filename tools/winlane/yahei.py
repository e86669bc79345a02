"""Write the lane's stand-in for a Chinese Windows' Microsoft YaHei: the WenQuanYi Micro Hei collection with its
family names changed, so that Qt (which falls back to "Microsoft YaHei" for Chinese on Windows), Wine's dialogs
and SchoolDesk's PDF font search (msyh.ttc) find it under the name a Chinese Windows gives it. Lane only.

    python3 tools/winlane/yahei.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc OUT/msyh.ttc
"""
from __future__ import annotations

import sys

from fontTools.ttLib import TTCollection

NAMES = {"WenQuanYi Micro Hei": ("Microsoft YaHei", "微软雅黑"),
         "WenQuanYi Micro Hei Mono": ("Microsoft YaHei Mono", "微软雅黑 Mono")}


def rename(source: str, target: str) -> None:
    collection = TTCollection(source)
    for font in collection.fonts:
        table = font["name"]
        family = str(table.getDebugName(1))
        english, chinese = NAMES[family]
        for record in table.names:
            if record.nameID in (1, 3, 4, 6, 16, 18):
                text = str(record.toUnicode())
                is_chinese = record.platformID == 3 and record.langID in (0x0804, 0x0404, 0x0c04, 0x1004)
                new = chinese if is_chinese and record.nameID in (1, 4, 16, 18) else english
                if record.nameID in (3, 6):
                    new = new.replace(" ", "")
                elif record.nameID == 4 and "Regular" in text:
                    new = f"{new} Regular"
                record.string = new
    collection.save(target)


if __name__ == "__main__":
    rename(sys.argv[1], sys.argv[2])
