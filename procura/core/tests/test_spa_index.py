"""The web app's page for every client-side route."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_brings_the_csrf_cookie_its_form_sends_back():
    response = Client().get("/login")

    assert response.status_code == 200
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie.value
    # readable by the web app, which sends it back as X-CSRFToken
    assert not cookie["httponly"]
