from __future__ import annotations

import uuid

import pytest


@pytest.fixture(autouse=True)
def _own_anchor_folder(settings):
    """Each test anchors into a folder of its own: the media folder outlives the database."""
    settings.AUDIT_ANCHOR_PREFIX = f"audit-anchors-test/{uuid.uuid4().hex}"
