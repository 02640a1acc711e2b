"""What an injected payload would leave behind: in a page's DOM, in its scripts, in a feed."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar

# Installed before any page script: a payload that runs calls one of these.
TRAP = """
window.__pwnedCalls = [];
window.__pwned = (id) => { window.__pwnedCalls.push(String(id)); };
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => { window.__pwnedCalls.push(name + ":" + message); };
}
"""
FINDINGS = """() => {
  const out = [];
  const short = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll("*")) {
    if (el.hasAttribute("data-pwn")) out.push("injected element: " + short(el));
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name) && /__pwned|alert|PWN\\d/.test(attr.value)) out.push("injected handler: " + short(el));
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) &&
          /^\\s*(javascript|vbscript|data):/i.test(attr.value)) out.push("script address: " + short(el));
    }
    if (el.tagName === "SCRIPT" && el.type !== "application/ld+json" && /__pwned|PWN\\d/.test(el.textContent)) {
      out.push("injected script: " + short(el));
    }
  }
  for (const data of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(data.textContent); } catch (error) { out.push("broken JSON-LD: " + error); }
  }
  return {findings: out, calls: window.__pwnedCalls || [], text: document.body.innerText, title: document.title};
}"""


def feeds(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.ics"))}


def unfolded(raw: bytes) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", raw.decode("utf-8")).split("\r\n")


def shape(raw: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each component with its identity and the sorted names of its properties."""
    out = []
    for component in icalendar.Calendar.from_ical(raw).walk():
        identity = (
            str(component.get("UID", ""))
            + "|"
            + str(component.get("RECURRENCE-ID", ""))
            + "|"
            + str(component.get("TZID", ""))
        )
        out.append((component.name, identity, tuple(sorted(component.keys()))))
    return sorted(out)
