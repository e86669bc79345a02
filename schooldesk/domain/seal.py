"""The seal of a bundle's manifest: an HMAC-SHA256 over the manifest with a key only the school's database holds.

The manifest's SHA-256 of each file shows whether a file changed since the manifest was written; but whoever
changes a file can write its new hash into the manifest too. The seal shows whether the manifest itself is the
one the school's SchoolDesk wrote: it can be checked only with the school's key (on the school's PC, or
wherever the school has sent its key file), and it cannot be made again without it."""
from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

SEAL = "seal"
METHOD = "HMAC-SHA256"


def _canonical(manifest: dict[str, Any]) -> bytes:
    body = {key: value for key, value in manifest.items() if key != SEAL}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def key_id(key: bytes) -> str:
    """Which key sealed a manifest (not the key: its hash's first 16 hex digits)."""
    return hashlib.sha256(b"schooldesk-seal-key-id" + key).hexdigest()[:16]


def sealed(manifest: dict[str, Any], key: bytes) -> dict[str, Any]:
    """*manifest* with its seal."""
    value = hmac.new(key, _canonical(manifest), hashlib.sha256).hexdigest()
    return {**manifest, SEAL: {"method": METHOD, "key_id": key_id(key), "value": value}}


def seal_holds(manifest: Any, key: bytes | None, school_code: str = "") -> bool | None:
    """True: sealed with *key* (this school's) and unchanged since. False: it says it is this school's
    (*school_code*) but its seal does not hold — changed after it was written, the seal removed, or one made
    with another key. None: cannot be told here (no key, or another school's bundle)."""
    if key is None or not isinstance(manifest, dict):
        return None
    ours = bool(school_code) and manifest.get("school_code") == school_code
    seal = manifest.get(SEAL)
    if not isinstance(seal, dict) or seal.get("key_id") != key_id(key):
        return False if ours else None
    expected = hmac.new(key, _canonical(manifest), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, str(seal.get("value", "")))
