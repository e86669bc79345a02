"""Command-line ``receive-photos``: photos from a phone on the school's network straight onto a record. With
--json it prints one line ``{"url": …}`` as soon as it listens (for a script to show as a QR code), and at the
end ``{"received": N, "refused": N}``."""
from __future__ import annotations

import argparse
import json
import queue
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, say


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    receive = commands.add_parser("receive-photos", parents=[common],
                                  help="receive photos from a phone on the school's network onto a record")
    receive.add_argument("--record", required=True, metavar="KIND:ID",
                         help="activity, home-teaching-visit, observation, return-visit, support or catchment, "
                              "and the record's number, e.g. activity:12")
    receive.add_argument("--port", type=int, default=0, help="the port to listen on (default: any free one)")
    receive.add_argument("--timeout", type=int, default=900, metavar="SECONDS",
                         help="stop listening after this long (at most 900, the default)")
    receive.add_argument("--host", help="the address to listen on (default: this PC's address on the school's network)")
    receive.add_argument("--json", action="store_true", help="print the address, then the counts, as JSON lines")


def cmd_receive_photos(args: argparse.Namespace) -> int:
    from schooldesk.db.scratch import private_scratch
    from schooldesk.domain.errors import ValidationError
    from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
    from schooldesk.services.phone_photos import attach, parse_record, photo_target
    from schooldesk.services.phone_receiver import PhotoReceiver

    kind, number = parse_record(args.record)
    db = open_existing(args)
    try:
        target = photo_target(db, kind, number)
        if target.room == 0:
            raise ValidationError("record", QT_TRANSLATE_NOOP("Errors", "The record already has the most photos it can keep."))
        with private_scratch(db.path.parent, "phone-") as scratch:
            receiver = PhotoReceiver(db.photos, scratch, title=target.title, host=args.host, port=args.port,
                                     timeout=max(1, args.timeout), max_files=target.room)
            receiver.start()
            if args.json:
                print(json.dumps({"url": receiver.url}, ensure_ascii=False), flush=True)
            else:
                say(QCoreApplication.translate("CommandLine", "Open %1 on a phone on the same Wi-Fi (for at most %2 "
                                                              "minutes; the phone's 完成 ends it)."),
                    receiver.url, max(1, receiver.seconds_left // 60))
                sys.stdout.flush()
            attached = 0
            try:
                while not receiver.finished.is_set() or not receiver.photos.empty():
                    try:
                        stored = receiver.photos.get(timeout=0.3)
                    except queue.Empty:
                        continue
                    attach(db, target, [stored])
                    attached += 1
            finally:
                receiver.stop()
    finally:
        db.close()
    if args.json:
        print(json.dumps({"received": attached, "refused": receiver.counts.refused}), flush=True)
    else:
        say(QCoreApplication.translate("CommandLine", "Photos received: %1; refused: %2."), attached,
            receiver.counts.refused)
    return EXIT_OK


COMMANDS = {"receive-photos": Command(cmd_receive_photos, writes=True)}
