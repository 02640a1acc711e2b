"""MkDocs loads hooks from a file; Engage's adapter lives in the package (engage/mkdocs_adapter.py)."""

from engage.mkdocs_adapter import (  # noqa: F401  (MkDocs finds the hooks by name in this module)
    on_config,
    on_env,
    on_files,
    on_page_context,
    on_page_markdown,
    on_serve,
    on_startup,
    on_template_context,
)
