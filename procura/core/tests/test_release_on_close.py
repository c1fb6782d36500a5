"""A served response leaves nothing for the cyclic garbage collector that reference counting
could free: the view and the page of rows go as soon as the response is closed."""

from __future__ import annotations

import gc

import pytest
from django.core.paginator import Page

from procura.catalog.tests.factories import make_product


@pytest.mark.django_db
def test_a_list_page_is_freed_as_soon_as_the_response_is_closed(client_as):
    for _ in range(3):
        make_product()
    client = client_as("procurement")
    client.get("/api/v1/products/")  # warm up: imports, compiled list plans
    gc.collect()
    earlier = {id(o) for o in gc.get_objects() if type(o) is Page}  # other tests' pages
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        response = client.get("/api/v1/products/")
        gc.collect()  # what only the collector would free lands in gc.garbage
        # type(), not isinstance(): a dead weak proxy among the objects raises on isinstance
        pages = [o for o in gc.get_objects() if type(o) is Page and id(o) not in earlier]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert response.status_code == 200
    assert len(response.data["results"]) == 3  # what the client received stays readable
    assert pages == []  # neither kept alive by the response nor left to the collector
