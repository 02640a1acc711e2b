"""The feed families `engage.pages` registers.

The feed modules build on `engage.pages` (Page, OutputFile, event_view), and `engage.pages`
lists these families when it is first imported. Importing the builders only when called
keeps either package importable first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..output import OutputFile, Page
    from ..portal import Portal


def files(portal: Portal) -> list[OutputFile]:
    """Every feed, and one calendar file per event beside its page."""
    from .publish import files as build

    return build(portal)


def pages(portal: Portal) -> list[Page]:
    """The subscribe page."""
    from .subscribe import pages as build

    return build(portal)
