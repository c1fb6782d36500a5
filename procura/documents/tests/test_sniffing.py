"""Upload types are decided by the first bytes: WebP and HEIC phone pictures among them."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from procura.documents.extraction.reading import ReadError, ReadErrorCode, read_image
from procura.documents.sniffing import HEIC, WEBP, sniff_content_type


def _picture(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "white").save(out, fmt)
    return out.getvalue()


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00\x00\x00\x08meta"


def test_webp_and_heic_pictures_are_recognised() -> None:
    assert sniff_content_type(_picture("WEBP")) == WEBP
    assert sniff_content_type(_picture("HEIF")) == HEIC


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (_ftyp(b"heic", b"mif1", b"heic"), HEIC),  # iPhone
        (_ftyp(b"mif1", b"mif1", b"heic", b"miaf"), HEIC),  # generic HEIF with HEVC pictures
        (_ftyp(b"heix", b"mif1"), HEIC),
        (_ftyp(b"mif1", b"mif1", b"avif", b"miaf"), None),  # AVIF: not read
        (_ftyp(b"avif", b"mif1", b"avif"), None),
        (_ftyp(b"isom", b"isom", b"mp41"), None),  # a video
        (b"\x00\x00\x00\x08ftyp", None),  # too short to hold a brand
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),  # a sound file
    ],
)
def test_heif_brands_decide(head: bytes, expected: str | None) -> None:
    assert sniff_content_type(head) == expected


@pytest.mark.parametrize("fmt", ["WEBP", "HEIF"])
def test_a_damaged_picture_is_a_read_error(fmt: str) -> None:
    data = _picture(fmt)

    with pytest.raises(ReadError) as caught:
        read_image(data[: len(data) // 2])

    assert caught.value.code == ReadErrorCode.BROKEN
