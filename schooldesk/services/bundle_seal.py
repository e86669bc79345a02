"""The school's key for sealing its bundles' manifests (domain/seal.py): made once, on the first export, kept in
the database (so a backup carries it) and out of the audit trail."""
from __future__ import annotations

import secrets

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import School, SchoolSetting

SEAL_KEY = "bundle_seal_key"


def school_seal_key(db: Database) -> bytes:
    """The school's key, made now if it has none."""
    with db.transaction() as session:
        setting = session.get(SchoolSetting, SEAL_KEY)
        if setting is None:
            setting = SchoolSetting(key=SEAL_KEY, value={"hex": secrets.token_hex(32)})
            session.add(setting)
        return bytes.fromhex(setting.value["hex"])


def read_seal_key(db: Database) -> tuple[bytes | None, str]:
    """The school's key (None before its first export) and its 学校标识码, to check a bundle's seal."""
    with db.transaction() as session:
        setting = session.get(SchoolSetting, SEAL_KEY)
        school = session.scalars(select(School)).first()
        return (bytes.fromhex(setting.value["hex"]) if setting else None), (school.code if school else "")
