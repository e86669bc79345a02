"""Photos from a teacher's phone over the school's own network, the way ``qrcp receive`` works: this PC serves one
upload page on its LAN address, at a URL with a random one-time token, while a window (or the command) waits;
the phone's browser opens it from a QR code and sends the pictures. Served by werkzeug (a well-kept WSGI server
and multipart parser); nothing else is served, a wrong token is a 404 and stores nothing.

Each picture is checked (JPEG, PNG or HEIC by its first bytes; at most ``MAX_BYTES``), put in the photo store
at once (upright, downscaled, metadata and GPS dropped: :class:`PhotoStore`) — the raw upload is held in memory
and a private scratch folder inside the data folder, never the system's temp folder — and handed on through a
queue to whoever attaches it (the form being filled, or the command)."""
from __future__ import annotations

import html
import io
import ipaddress
import json
import queue
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schooldesk.db.photo_store import PhotoStore, StoredPhoto
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

MAX_BYTES = 20 * 1024 * 1024  # a phone photo is 2–8 MB; a 48-megapixel one may reach 15
DEFAULT_TIMEOUT = 15 * 60
JPEG, PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")
PAGE = "phone_upload.html"  # in resources/


def picture_kind(head: bytes) -> str:
    """jpeg, png or heic by the file's first bytes ('' for anything else, whatever its name says)."""
    if head.startswith(JPEG):
        return "jpeg"
    if head.startswith(PNG):
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "heic"
    return ""


def lan_addresses() -> list[str]:
    """This PC's private IPv4 addresses, the one the default route uses first (no packet is sent)."""
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        found += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    private = [a for a in dict.fromkeys(found) if ipaddress.ip_address(a).is_private and not ipaddress.ip_address(a).is_loopback]
    return private


@dataclass
class Counts:
    received: int = 0
    refused: int = 0
    reasons: list[str] = field(default_factory=list)


class PhotoReceiver:
    """Listens on *host* (the first LAN address by default) and *port* (0: any free one) until :meth:`stop`, the
    phone's 完成, or *timeout* seconds; at most *max_files* pictures. Received photos come out of :attr:`photos`."""

    def __init__(self, store: PhotoStore, scratch: Path, *, title: str, host: str | None = None, port: int = 0,
                 timeout: float = DEFAULT_TIMEOUT, max_files: int = 12) -> None:
        self.store, self.scratch, self.title = store, scratch, title
        self.host = host or next(iter(lan_addresses()), "127.0.0.1")
        self.port, self.timeout, self.max_files = port, min(timeout, DEFAULT_TIMEOUT), max_files
        self.token = secrets.token_urlsafe(16)
        self.photos: queue.Queue[StoredPhoto] = queue.Queue()
        self.counts = Counts()
        self.finished = threading.Event()  # 完成 pressed, timed out or stopped
        self.deadline = 0.0
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/{self.token}/"

    @property
    def seconds_left(self) -> int:
        return max(0, int(self.deadline - time.monotonic()))

    def start(self) -> None:
        from werkzeug.serving import make_server

        try:
            self._server = make_server(self.host, self.port, self._app, threaded=True)
        except OSError as error:
            raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "The port %1 on %2 cannot be used: %3"),
                                  self.port or "-", self.host, error.strerror or error) from error
        self.port = self._server.server_port
        self.deadline = time.monotonic() + self.timeout
        self._thread = threading.Thread(target=self._serve, name="phone-photos", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._server.timeout = 0.5
        while not self.finished.is_set() and time.monotonic() < self.deadline:
            self._server.handle_request()
        self.finished.set()
        self._server.server_close()

    def stop(self) -> None:
        """Stop listening (the port is free again when this returns)."""
        self.finished.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def wait(self) -> None:
        self.finished.wait()
        self.stop()

    # ---- the one page and its two actions ------------------------------------------------------------------
    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        from werkzeug.exceptions import HTTPException, NotFound
        from werkzeug.wrappers import Response

        request = _Request(environ)
        try:
            base = f"/{self.token}/"
            if request.path in (base, base[:-1]) and request.method == "GET":
                response = Response(self._page(), content_type="text/html; charset=utf-8")
            elif request.path == base + "upload" and request.method == "POST":
                response = Response(json.dumps(self._upload(request), ensure_ascii=False),
                                    content_type="application/json; charset=utf-8")
            elif request.path == base + "done" and request.method == "POST":
                self.finished.set()
                response = Response(json.dumps({"received": self.counts.received}), content_type="application/json")
            else:
                raise NotFound()
        except HTTPException as error:
            response = error.get_response(environ)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response(environ, start_response)

    def _page(self) -> str:
        from schooldesk.config import resources_dir

        text = (resources_dir() / PAGE).read_text(encoding="utf-8")
        return (text.replace("{{title}}", html.escape(self.title)).replace("{{max_files}}", str(self.max_files))
                .replace("{{max_mb}}", str(MAX_BYTES // (1024 * 1024))))

    def _upload(self, request: Any) -> dict[str, Any]:
        received, refused = 0, []
        for upload in request.files.getlist("photo"):
            name = (upload.filename or "photo")[-100:]
            data = upload.stream.read(MAX_BYTES + 1)
            reason = self._refusal(data)
            if reason:
                refused.append({"name": name, "reason": reason})
                continue
            try:
                stored = self._store(name, data)
            except SchoolDeskError:
                refused.append({"name": name, "reason": "无法读取的图片"})
                continue
            with self._lock:
                self.counts.received += 1
            self.photos.put(stored)
            received += 1
        with self._lock:
            self.counts.refused += len(refused)
            self.counts.reasons += [r["reason"] for r in refused]
        return {"received": received, "refused": refused, "left": self.max_files - self.counts.received}

    def _refusal(self, data: bytes) -> str:
        if len(data) > MAX_BYTES:
            return f"超过 {MAX_BYTES // (1024 * 1024)} MB"
        if not picture_kind(data[:16]):
            return "不是 JPEG、PNG 或 HEIC 照片"
        with self._lock:
            if self.counts.received >= self.max_files:
                return f"本次最多接收 {self.max_files} 张"
        return ""

    def _store(self, name: str, data: bytes) -> StoredPhoto:
        """Into the photo store through a private scratch file (HEIC decoded by pillow-heif)."""
        if picture_kind(data[:16]) == "heic":
            data = _heic_as_jpeg(data)
        self.scratch.mkdir(parents=True, exist_ok=True)
        path = self.scratch / f"{secrets.token_hex(8)}{Path(name).suffix[:5] or '.jpg'}"
        try:
            path.write_bytes(data)
            stored = self.store.add(path)
            return StoredPhoto(stored.sha256, stored.file_name, Path(name).name[:200], stored.width, stored.height,
                               stored.size)
        finally:
            path.unlink(missing_ok=True)


def _heic_as_jpeg(data: bytes) -> bytes:
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.convert("RGB").save(out, "JPEG", quality=92)
    return out.getvalue()


class _Request:  # built on first use: werkzeug loads only when a phone window opens
    def __new__(cls, environ: dict[str, Any]) -> Any:
        from werkzeug.wrappers import Request

        class LimitedRequest(Request):
            max_content_length = MAX_BYTES * 2  # one picture per request from our page; a little more for form data
            max_form_memory_size = 64 * 1024

            def _get_file_stream(self, total_content_length: Any, content_type: Any, filename: Any = None,
                                 content_length: Any = None) -> Any:
                return io.BytesIO()  # never the system's temp folder

        return LimitedRequest(environ)
