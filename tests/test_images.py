"""tawasul/images.py on its own: what a picture becomes before it is committed, and what is
refused, with pictures made by Pillow in the test (no fixtures on disk)."""
from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
import weasyprint
from PIL import Image, ImageCms

from tawasul import images


def encoded(picture: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


def test_a_transparent_png_keeps_its_transparency_and_loses_its_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Owner Name")
    info.add_text("Location", "31.95,35.23")
    data = encoded(Image.new("RGBA", (200, 100), (0, 120, 90, 100)), "PNG", pnginfo=info)
    prepared = images.prepare(data)
    out = Image.open(io.BytesIO(prepared.data))
    assert out.mode == "RGBA" and out.getpixel((5, 5))[3] == 100
    assert b"Owner Name" not in prepared.data and b"31.95" not in prepared.data
    assert (prepared.width, prepared.height) == (200, 100)  # never enlarged


def swapped_primaries_profile() -> bytes:
    """An RGB profile whose red and blue primaries are swapped (WeasyPrint's sRGB profile with
    two tag-table entries exchanged): under it, the pixel (255, 0, 0) means blue."""
    icc = bytearray((Path(weasyprint.__file__).parent / "pdf" / "sRGB2014.icc").read_bytes())
    count = struct.unpack(">I", icc[128:132])[0]
    where = {bytes(icc[132 + 12 * i:136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = where[b"rXYZ"], where[b"bXYZ"]
    icc[red + 4:red + 12], icc[blue + 4:blue + 12] = icc[blue + 4:blue + 12], icc[red + 4:red + 12]
    return bytes(icc)


def test_colours_are_converted_with_the_photos_own_profile_before_it_is_dropped():
    data = encoded(Image.new("RGB", (16, 16), (255, 0, 0)), "PNG", icc_profile=swapped_primaries_profile())
    out = Image.open(io.BytesIO(images.prepare(data).data))
    assert "icc_profile" not in out.info
    red, green, blue = out.convert("RGB").getpixel((5, 5))
    assert blue > 200 and red < 60 and green < 60  # shown as the profile meant it, in sRGB


def test_an_icc_profile_and_a_cmyk_jpeg_are_not_carried_over():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for picture in (Image.new("RGB", (64, 64), "red"), Image.new("CMYK", (64, 64), (0, 255, 255, 0))):
        prepared = images.prepare(encoded(picture, "JPEG", icc_profile=profile))
        out = Image.open(io.BytesIO(prepared.data))
        assert out.mode == "RGB" and "icc_profile" not in out.info


def test_the_same_picture_gets_the_same_name_and_another_picture_another():
    a = encoded(Image.new("RGB", (50, 50), "blue"), "PNG")
    b = encoded(Image.new("RGB", (50, 50), "green"), "PNG")
    assert images.prepare(a).file_name("x") == images.prepare(a).file_name("x")
    assert images.prepare(a).file_name("x") != images.prepare(b).file_name("x")
    assert images.prepare(a).file_name("safe-at-home").startswith("safe-at-home-")


@pytest.mark.parametrize("make, message", [
    (lambda: b"", "اختاري ملف الصورة"),
    (lambda: encoded(Image.new("RGB", (300, 300)), "JPEG")[:400], "ليس صورة نقبلها"),  # cut short
    (lambda: encoded(Image.new("RGB", (10, 10)), "GIF"), "ليس صورة نقبلها"),
    (lambda: encoded(Image.new("RGB", (10, 10)), "BMP"), "ليس صورة نقبلها"),
    (lambda: b"<svg xmlns='http://www.w3.org/2000/svg'/>", "ليس صورة نقبلها"),
    (lambda: encoded(Image.new("1", (10_000, 5_001)), "PNG"), "أبعاد الصورة كبيرة جداً"),  # just over 50 MP
    (lambda: encoded(Image.new("1", (20_000, 20_000)), "PNG"), "أبعاد الصورة كبيرة جداً"),  # Pillow's own bomb limit
])
def test_what_is_refused_says_why_in_arabic(make, message):
    with pytest.raises(images.ImageRefused, match=message):
        images.prepare(make())
