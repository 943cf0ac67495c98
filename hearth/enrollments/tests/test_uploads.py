"""The upload size limit applied while a request is read (hearth.enrollments.uploads)."""

import pytest
from django.core.files.uploadhandler import SkipFile
from django.test import RequestFactory

from hearth.enrollments.uploads import TOO_LARGE_FLAG, SizeLimitedUploadHandler


def test_it_passes_chunks_on_up_to_the_limit():
    request = RequestFactory().post("/")
    handler = SizeLimitedUploadHandler(request, limit=10)
    handler.new_file("file", "a.pdf", "application/pdf", 10)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    assert handler.receive_data_chunk(b"67890", 5) == b"67890"
    assert handler.file_complete(10) is None
    assert not getattr(request, TOO_LARGE_FLAG, False)


def test_it_drops_a_file_once_it_passes_the_limit_and_flags_the_request():
    request = RequestFactory().post("/")
    handler = SizeLimitedUploadHandler(request, limit=10)
    handler.new_file("file", "a.pdf", "application/pdf", None)
    handler.receive_data_chunk(b"12345678", 0)
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"90ab", 8)
    assert getattr(request, TOO_LARGE_FLAG) is True


def test_it_counts_each_file_on_its_own():
    request = RequestFactory().post("/")
    handler = SizeLimitedUploadHandler(request, limit=10)
    handler.new_file("file", "a.pdf", "application/pdf", None)
    handler.receive_data_chunk(b"12345678", 0)
    handler.new_file("other", "b.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"12345678", 0) == b"12345678"
