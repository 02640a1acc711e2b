"""A copy of the built site that opens from disk: the pull-request preview.

The site uses directory URLs (`events/x/`), which a web server turns into `events/x/index.html`
but a browser opening files does not: it shows a folder listing, or nothing. The preview is a
copy in which every relative link or source that names a folder names its `index.html`
instead, so a reviewer can unzip the artifact and open `index.html` without a server. Links
to other sites, `mailto:` and in-page anchors are left alone. Pages that fetch data (the site
search, the "Add your event" form) still need a server: `python3 -m http.server` in the folder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

_ATTR = re.compile(r"""(?P<lead>\b(?:href|src|action)=)(?P<quote>["'])(?P<url>[^"'<>]*)(?P=quote)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
README = """This is a preview of the site, built from the pull request.

Open index.html in a web browser. Every page and link works from the files.
The site search and the "Add your event" form load data, which browsers only allow
from a web server: in this folder, run  python3 -m http.server  and open http://localhost:8000/
"""


def _local(url: str) -> str:
    """The URL with index.html added when it names a folder of this site; others unchanged."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.rsplit("/", 1)[-1] in {".", ".."}:
        path += "/"  # '../..' names a folder as surely as '../../' does
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    return url


def rewrite(html: str) -> str:
    return _ATTR.sub(lambda m: f"{m['lead']}{m['quote']}{_local(m['url'])}{m['quote']}", html)


def make_browsable(site: Path, out: Path) -> int:
    """Copy `site` to `out` with folder links made file links; returns the pages rewritten."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    count = 0
    for page in sorted(out.rglob("*.html")):
        text = page.read_text("utf-8")
        changed = rewrite(text)
        if changed != text:
            page.write_text(changed, "utf-8")
            count += 1
    (out / "README-preview.txt").write_text(README, "utf-8")
    return count
