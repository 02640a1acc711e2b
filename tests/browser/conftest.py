"""One Chromium for the whole session, and built sites served over http from a thread.

Debian's Chromium is driven by Playwright for Python; no browser is ever downloaded. In CI
(CI=true) a missing browser is a failure, never a skip: the accessibility and security checks
must not pass by not running. Sites are served over http (not file://) so directory URLs and
the 404 page behave as they will on a real host.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import pytest

from .site_pages import SitePages, discover

CHROMIUM = Path(os.environ.get("ENGAGE_CHROMIUM", "/usr/bin/chromium"))
# Flags for a headless run on a small machine with no network but the loopback.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def unavailable(reason: str) -> NoReturn:
    """Fail loudly in CI, skip with the reason on a developer's machine."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests must run in CI, but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (make setup)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class _Handler(SimpleHTTPRequestHandler):
    """Serves the built site quietly, with its own 404 page as a static host would."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
        ".json": "application/json",
    }

    def log_message(self, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops requests it no longer needs (a page left mid-load); not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(site) -> 'http://127.0.0.1:PORT' (one server per folder, for the session)."""
    servers: dict[Path, _Server] = {}

    def start(site: Path) -> str:
        if site not in servers:
            handler = functools.partial(_Handler, directory=str(site))
            server = _Server(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, name=f"http {site}", daemon=True).start()
            servers[site] = server
        host, port = servers[site].server_address[:2]
        return f"http://{host}:{port}"

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Path:
    """The site the browser tests check: the demo data, every page type it has."""
    # ENGAGE_BROWSER_SITE=example checks the small example data instead, for a quick local run.
    name = os.environ.get("ENGAGE_BROWSER_SITE", "demo")
    built: Path = request.getfixturevalue(f"{name}_site")
    return built


@pytest.fixture(scope="session")
def portal(request: pytest.FixtureRequest) -> Any:
    """The checked data behind `site`, to know what the pages should show."""
    name = os.environ.get("ENGAGE_BROWSER_SITE", "demo")
    return request.getfixturevalue(f"{name}_portal")


@pytest.fixture(scope="session")
def base_url(site: Path, serve: Callable[[Path], str]) -> str:
    return serve(site)


@pytest.fixture(scope="session")
def pages(site: Path) -> SitePages:
    return discover(site)


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """new_page(viewport=PHONE, java_script_enabled=True) -> a page in a fresh context."""
    contexts: list[Any] = []

    def make(viewport: dict[str, int] = DESKTOP, **options: Any) -> Any:
        context = browser.new_context(viewport=viewport, **options)
        # A static site on the loopback answers at once; a locator still waiting after
        # 10 seconds has found nothing, and the default 30 s would only slow failures.
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
