"""Walk a page with Tab or Shift+Tab and check, at every stop, that a sighted keyboard user sees focus.

At each stop the focused element must be visible (not clipped to nothing, not hidden), inside
the viewport, not covered by anything drawn over it (elementFromPoint at its centre and corners)
and not under a fixed or sticky element such as a sticky header (their boxes are compared). On
a sample of stops the pixels are compared too: the element's area is captured focused and
unfocused, and the two captures must differ, so a focus style that draws nothing is caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }"

_SETUP = """(noMotion) => {
  const style = document.createElement("style");
  style.textContent = noMotion;
  document.head.append(style);
  const selector = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
  const controls = [...document.querySelectorAll(selector)].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && !el.closest("[inert], [hidden]") && el.type !== "hidden" &&
    el.checkVisibility({visibilityProperty: true}));
  // Anything that stays put while the page scrolls can cover what scrolls beneath it.
  window.__overlays = [...document.querySelectorAll("body *")].filter((el) => {
    const position = getComputedStyle(el).position;
    return position === "fixed" || position === "sticky";
  });
  return controls.length;
}"""

_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 50);
  const what = `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : ""}> "${name}"`;
  const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 1, r.top + 1], [r.right - 1, r.bottom - 1]];
  let inside = 0, covered = [];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    inside += 1;
    const top = document.elementFromPoint(x, y);
    if (top && !(top === el || el.contains(top) || top.contains(el))) covered.push(top.tagName.toLowerCase() + (typeof top.className === "string" && top.className ? "." + top.className.split(" ")[0] : ""));
  }
  const under = (window.__overlays || []).filter((o) => !o.contains(el)).map((o) => [o, o.getBoundingClientRect()])
    .filter(([o, b]) => b.width > 0 && b.height > 0 && b.left < r.right && b.right > r.left && b.top < r.bottom && b.bottom > r.top)
    .map(([o]) => o.tagName.toLowerCase() + (o.className ? "." + String(o.className).split(" ")[0] : ""));
  return {
    what,
    box: {x: r.left, y: r.top, width: r.width, height: r.height},
    shown: el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width >= 2 && r.height >= 2,
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    // Half a pixel of rounding is not "off-screen"; a box taller than the view cannot fit in it.
    wholeInView: r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5,
    small: r.height <= innerHeight - 40 && r.width <= innerWidth,
    inside, covered, under,
    focusVisible: el.matches(":focus-visible"),
  };
}"""


@dataclass
class Walk:
    """What was seen at every stop of one walk."""

    stops: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _clip(box: dict[str, float], viewport: dict[str, int], pad: int = 5) -> dict[str, float] | None:
    x = max(0.0, box["x"] - pad)
    y = max(0.0, box["y"] - pad)
    right = min(float(viewport["width"]), box["x"] + box["width"] + pad)
    bottom = min(float(viewport["height"]), box["y"] + box["height"] + pad)
    if right - x < 2 or bottom - y < 2:
        return None
    return {"x": x, "y": y, "width": right - x, "height": bottom - y}


def walk(
    page: Any, *, backward: bool = False, limit: int = 0, pixel_every: int = 8, extra: int = 2, whole: bool = True
) -> Walk:
    """Tab (or Shift+Tab) through the page from its start (or end), checking every stop.

    `limit` caps the stops on long pages (0: the whole page): a forward walk covers the header
    and the start of the content, a backward one the footer and the end of the content.
    `whole` asks for every focused control to be wholly in view (the site's script sees to it);
    without scripts the browser leaves a control that shows a few pixels where it is, which
    WCAG 2.4.11 allows (not entirely hidden), so then only "partly in view" is required.
    """
    count = page.evaluate(_SETUP, _NO_MOTION)
    key = "Shift+Tab" if backward else "Tab"
    viewport = page.viewport_size
    result = Walk()
    seen: set[str] = set()
    steps = count + extra if not limit else min(count + extra, limit)
    for step in range(steps):
        page.keyboard.press(key)
        stop = page.evaluate(_STOP)
        if stop is None:
            continue
        if stop["what"] in seen and step >= count:
            break
        seen.add(stop["what"])
        result.stops.append(stop)
        what = stop["what"]
        if not stop["shown"]:
            result.problems.append(f"focus is on something not shown: {what}")
            continue
        if not stop["inView"]:
            result.problems.append(f"focus is off-screen: {what}")
            continue
        if whole and stop["small"] and not stop["wholeInView"]:
            result.problems.append(f"focus is partly off-screen: {what} at {stop['box']}")
        if stop["inside"] and len(stop["covered"]) == stop["inside"]:
            result.problems.append(f"focus is hidden under {stop['covered'][0]}: {what}")
        if stop["under"]:
            result.problems.append(f"focus is under the fixed or sticky {stop['under'][0]}: {what}")
        if not stop["focusVisible"]:
            result.problems.append(f"focus is not :focus-visible: {what}")
        if pixel_every and (len(result.stops) - 1) % pixel_every == 0:
            clip = _clip(stop["box"], viewport)
            if clip is not None:
                focused = page.screenshot(clip=clip, animations="disabled", caret="hide")
                page.evaluate("() => { window.__kbLast = document.activeElement; document.activeElement.blur(); }")
                unfocused = page.screenshot(clip=clip, animations="disabled", caret="hide")
                page.evaluate("() => window.__kbLast.focus({preventScroll: true})")
                if focused == unfocused:
                    result.problems.append(f"focus changes no pixel: {what}")
    return result
