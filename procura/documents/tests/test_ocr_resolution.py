"""Low-resolution page images are enlarged to about 300 dpi before OCR; ordinary scans are not."""

from __future__ import annotations

import pytest

from procura.documents.extraction.ocr import ocr_language, upscale_factor


@pytest.mark.parametrize(
    ("width", "dpi", "factor"),
    [
        (800, 96.0, 300 / 96),  # a 96 dpi screenshot
        (1000, None, 300 / (1000 / 8.5)),  # no stated resolution: a letter page 1000 px wide
        (400, 50.0, 4.0),  # never more than four times
        (1700, 200.0, 1.0),  # an ordinary scan is read as it is
        (2480, None, 1.0),
    ],
)
def test_upscale_factor(width: int, dpi: float | None, factor: float) -> None:
    assert upscale_factor(width, dpi) == pytest.approx(factor)


def test_ocr_language_is_installed_and_includes_english() -> None:
    assert ocr_language().split("+")[0] == "eng"
