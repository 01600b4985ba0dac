"""Pictures the ministry uploads for articles and campaigns, made safe to publish.

A phone photo carries more than pixels: EXIF can hold the place it was taken (GPS), the phone,
the owner's name and the time; XMP and ICC blocks can carry more. A survivor's story told with a
photo of her street must not publish her street. So an upload is never stored as it came:
1. only JPEG, PNG and WebP are opened, and only after `verify()` accepted the file;
2. its size is read from the header before any pixel is decoded, and a picture larger than
   MAX_PIXELS (a decompression bomb, or just a huge scan) is refused: decoding it would take
   the server's memory;
3. it is turned upright as the phone meant it (EXIF orientation), shrunk to fit MAX_SIDE, its
   colours are converted to sRGB with its own ICC profile, and its pixels are copied into a new
   image that has no metadata at all;
4. that image is encoded afresh as WebP (alpha kept), which every browser we support shows.
Messages are Arabic: the ministry's editor reads them beside the upload field.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
# Wide enough for a full-width picture on a large screen, small enough for a cheap phone's data.
MAX_SIDE = 1600
# A 48-megapixel phone photo is fine; a picture beyond this is refused before it is decoded.
MAX_PIXELS = 50_000_000
QUALITY = 80
EXTENSION = "webp"


class ImageRefused(ValueError):
    """The upload is not a picture we publish; the message says why, in Arabic."""


@dataclass(frozen=True)
class Prepared:
    data: bytes
    width: int
    height: int
    digest: str  # of the published bytes: a new picture gets a new file name (no stale caches)

    def file_name(self, slug: str) -> str:
        return f"{slug}-{self.digest}.{EXTENSION}"


def _opened(data: bytes) -> Image.Image:
    # Pillow warns at MAX_IMAGE_PIXELS and refuses at twice that; ours is checked below, and
    # the warning becomes an error so nothing between the two is ever decoded.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            Image.open(io.BytesIO(data), formats=FORMATS).verify()
            picture = Image.open(io.BytesIO(data), formats=FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused("أبعاد الصورة كبيرة جداً؛ صغّريها ثم ارفعيها مرة أخرى") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ImageRefused("هذا الملف ليس صورة نقبلها؛ ارفعي صورة بصيغة JPEG أو PNG أو WebP") from None
    width, height = picture.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise ImageRefused(f"أبعاد الصورة كبيرة جداً ({width}×{height})؛ الحد الأقصى "
                           f"{MAX_PIXELS // 1_000_000} مليون نقطة. صغّريها ثم ارفعيها مرة أخرى")
    return picture


def _in_srgb(picture: Image.Image, mode: str) -> Image.Image:
    """The colours as the camera meant them, in sRGB (what a browser assumes without a profile):
    the picture's own ICC profile is applied here, since it is not published. A profile Pillow
    cannot use is ignored (the colours may then look a little off, nothing worse)."""
    profile = picture.info.get("icc_profile")
    if profile and picture.mode in ("RGB", "RGBA", "CMYK"):
        try:
            return ImageCms.profileToProfile(picture, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                             ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return picture.convert(mode)


def prepare(data: bytes) -> Prepared:
    """The published form of an uploaded picture, or ImageRefused."""
    if not data:
        raise ImageRefused("اختاري ملف الصورة")
    picture = _opened(data)
    try:
        picture.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a fraction of the size
        picture = ImageOps.exif_transpose(picture)
        picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        picture = _in_srgb(picture, "RGBA" if has_alpha else "RGB")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRefused("تعذّرت قراءة الصورة؛ قد يكون الملف تالفاً. جرّبي صورة أخرى") from None
    # Only the pixels go on: a new image has no EXIF, XMP, ICC profile or comment.
    clean = Image.frombytes(picture.mode, picture.size, picture.tobytes())
    out = io.BytesIO()
    clean.save(out, format="WEBP", quality=QUALITY, method=4, exif=b"", xmp=b"", icc_profile=None)
    published = out.getvalue()
    return Prepared(published, clean.width, clean.height, hashlib.sha256(published).hexdigest()[:10])


def size_of(data: bytes) -> tuple[int, int]:
    """Width and height from the header only (the site's <img width height>)."""
    with Image.open(io.BytesIO(data)) as picture:
        return picture.size
