"""Gunicorn workers import the whole API before their first request, move the loaded app out of
the garbage collector's sight and collect the young generation less often
(deploy/gunicorn.conf.py)."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

from django.urls import clear_url_caches, get_resolver

CONFIG = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"


def test_worker_init_freezes_the_loaded_objects_and_sets_thresholds(monkeypatch):
    monkeypatch.setenv("GUNICORN_GC_THRESHOLDS", "40000,15,90")
    before = gc.get_threshold()
    config = runpy.run_path(str(CONFIG))
    try:
        config["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (40000, 15, 90)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_worker_init_loads_the_url_patterns_before_the_first_request():
    clear_url_caches()
    config = runpy.run_path(str(CONFIG))
    try:
        config["post_worker_init"](None)
        assert "url_patterns" in vars(get_resolver())
    finally:
        gc.unfreeze()
