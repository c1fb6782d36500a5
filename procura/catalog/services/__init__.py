"""Writes of the catalog domain, one module per aggregate."""
