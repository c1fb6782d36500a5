"""A PDF page's text layer is taken only when it is readable; otherwise the page is OCR'd."""

from __future__ import annotations

import pytest

from procura.documents.extraction import read_document
from procura.documents.extraction.reading import MIN_READABLE_SHARE, readable_share
from procura.documents.tests.world import render_pdf, render_unreadable_pdf


@pytest.mark.parametrize(
    "text",
    [
        "Rechnungsnummer 2026-114 Gesamtbetrag 1.810,00 €",
        "Facture n° F-2291 Total TTC 1 234,56 €",
        "Faktura VAT nr 12/2026 Razem do zapłaty 1 939 zł",
        "請求書 番号 2026-114 合計 ¥12,000",  # other scripts are text too
        "Hafenstra(cid:2)e 21 Regalsystem nach Ma(cid:2) 1.480,00 (cid:3)",  # a few glyphs lost
    ],
)
def test_real_text_is_readable(text: str) -> None:
    assert readable_share(text) >= MIN_READABLE_SHARE


@pytest.mark.parametrize(
    "text",
    [
        "(cid:1)(cid:2)(cid:3)(cid:4)(cid:5) (cid:12)(cid:13)(cid:12)(cid:14)",
        "\ue052\ue065\ue063\ue068\ue06e\ue075\ue06e\ue067 \ue032\ue030\ue032\ue036",
        "\x01\x02\x03\x04 \x05\x06\x07 \x0e\x0f\x10",
        "Rechnungsbetrag f\u00c3\u00bcr Gr\u00c3\u00b6\u00c3\u0178e \u00c3\u00a4\u00c3\u00b6\u00c3\u00bc",
        "\ufffd\ufffd\ufffd \ufffd\ufffd 2026",
    ],
    ids=["glyph-ids", "private-use", "control", "mojibake", "replacement"],
)
def test_garbage_is_not_readable(text: str) -> None:
    assert readable_share(text) < MIN_READABLE_SHARE


def test_a_readable_text_layer_is_taken_as_it_is() -> None:
    read = read_document(render_pdf("de-rechnung.txt"), "application/pdf")

    assert [page.source for page in read.pages] == ["text"]
    assert not any("unreadable" in note for note in read.notes)


@pytest.mark.parametrize("unicode_map", [True, False], ids=["private-use", "glyph-ids"])
def test_an_unreadable_text_layer_is_replaced_by_ocr(unicode_map: bool) -> None:
    read = read_document(
        render_unreadable_pdf("de-rechnung.txt", unicode_map=unicode_map), "application/pdf"
    )

    assert [page.source for page in read.pages] == ["ocr"]
    assert "Rechnungsnummer" in read.text
    assert "(cid:" not in read.text
    assert "\ue052" not in read.text
    assert any("page 1: text layer unreadable" in note for note in read.notes)
