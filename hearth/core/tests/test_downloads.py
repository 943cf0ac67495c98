"""The safe name and type a served upload is given."""

import pytest

from hearth.core.downloads import safe_content_type, safe_filename


@pytest.mark.parametrize(
    ("claimed", "served"),
    [
        ("application/pdf", "application/pdf"),
        ("IMAGE/PNG; charset=binary", "image/png"),
        ("image/jpeg", "image/jpeg"),
        ("text/html", "application/octet-stream"),
        ("image/svg+xml", "application/octet-stream"),
        ("text/plain", "application/octet-stream"),
        ("", "application/octet-stream"),
        (None, "application/octet-stream"),
    ],
)
def test_it_serves_only_known_safe_types_as_themselves(claimed, served):
    assert safe_content_type(claimed) == served


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("scan.pdf", "scan.pdf"),
        ("C:\\Users\\ana\\id card.png", "id card.png"),
        ("../../etc/passwd", "passwd"),
        ('a"b;c.txt', "a_b_c.txt"),
        ("line\r\nbreak.txt", "linebreak.txt"),
        ("...", "download"),
        ("", "download"),
        (None, "download"),
    ],
)
def test_it_gives_a_download_a_safe_name(name, safe):
    assert safe_filename(name) == safe


def test_it_shortens_a_long_name_keeping_its_extension():
    name = safe_filename("x" * 400 + ".pdf")
    assert len(name) == 150 and name.endswith(".pdf")
