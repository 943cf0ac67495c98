"""A NUL character in a query, form field, path or API body is refused with a 400 naming where it was,
on every database (PostgreSQL cannot store it; SQLite would store it silently)."""

from __future__ import annotations

import json

import pytest

PAGES = ["/accounts/users/", "/support/desk/", "/accounts/training/", "/clients/"]


@pytest.mark.parametrize("url", PAGES)
def test_it_refuses_a_nul_in_a_query_parameter_naming_it(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url, {"q": "a\x00b"})
    assert response.status_code == 400
    assert "query parameter 'q'" in response.content.decode()


def test_it_refuses_a_nul_in_a_posted_field_and_stores_nothing(client, owner, client_record):
    client.force_login(owner)
    response = client.post(
        f"/clients/{client_record.pk}/edit/",
        "first_name=Ma%00ria",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "field 'first_name'" in response.content.decode()
    client_record.refresh_from_db()
    assert client_record.first_name == "Maria"


def test_it_refuses_a_nul_in_an_api_json_body_naming_the_field(client, owner):
    client.force_login(owner)
    response = client.post(
        "/api/clients/search",
        data=json.dumps({"filters": {"last_name": "Lo\x00pez"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The field 'filters.last_name'")


def test_it_refuses_a_nul_in_an_api_query_parameter(client, owner):
    client.force_login(owner)
    response = client.get("/api/clients/", {"name": "x\x00"})
    assert response.status_code == 400
    assert "query parameter 'name'" in response.json()["detail"]


def test_it_lets_ordinary_input_through(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/accounts/users/", {"q": "ab"}).status_code == 200


def test_it_does_not_read_a_multipart_body(rf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hearth.core.nul_bytes import nul_location

    request = rf.post("/x/", {"note": "fine", "file": SimpleUploadedFile("a.bin", b"\x00\x01\x02")})
    assert nul_location(request) is None
    assert not hasattr(request, "_post")  # upload handlers can still be installed by the view
