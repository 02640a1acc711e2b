"""libical's own reading of calendar files: parse, run its RFC 5546 restriction check, list errors.

Run with a Python that has Debian's GObject bindings for libical (python3-gi and
gir1.2-ical-3.0), usually /usr/bin/python3, not the project's virtual environment:

    /usr/bin/python3 tests/tools/libical_check.py site/feeds/all.ics ...

Prints one line per problem (`path: message`) and exits 1 if there is any. libical marks a
problem by adding an X-LIC-ERROR property to the component it is in; both the parser's
and the restriction check's problems are found that way.
"""

from __future__ import annotations

import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def errors(component: ICalGLib.Component) -> list[str]:
    out = []
    prop = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        out.append(f"{ICalGLib.Component.kind_to_string(component.isa())}: {prop.get_xlicerror()}")
        prop = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        out += errors(child)
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return out


def check(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    component = ICalGLib.Component.new_from_string(text)
    if component is None:
        return [f"{path}: libical could not parse it"]
    ICalGLib.restriction_check(component)
    return [f"{path}: {message}" for message in errors(component)]


def main(paths: list[str]) -> int:
    problems = [p for path in paths for p in check(path)]
    for problem in problems:
        print(problem)
    print(f"{len(paths)} files, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
