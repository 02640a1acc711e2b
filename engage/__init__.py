"""Engage: engagement calendar and transparency portal engine.

The engine loads YAML records, checks them as a whole and renders pages, feeds and
open data as plain values. It knows nothing about MkDocs; `hooks/` adapts it.
"""

__version__ = "0.1.0"
