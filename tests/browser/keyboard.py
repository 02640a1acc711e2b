"""Walk a page with the Tab key the way a keyboard user does, and say what goes wrong.

The page is first asked which controls should take focus (focusable, visible, enabled, in DOM
order). Then Tab is pressed once per control and a focus listener records where focus lands
and how the control looks while focused. Afterwards every control's unfocused look is read,
so each focus indicator can be compared with the same control's look without focus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Transitions would make the focused style read half-way through; freeze them.
_NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"

_SETUP = """(noMotion) => {
  const style = document.createElement("style");
  style.textContent = noMotion;
  document.head.append(style);
  const describe = (el) => {
    const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
    const href = el.getAttribute("href");
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""}${href ? ` href="${href}"` : ""}> "${name.slice(0, 50)}"`;
  };
  const look = (el) => {
    const s = getComputedStyle(el);
    const props = ["outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
      "border-top-color", "border-bottom-color", "border-bottom-width", "background-color",
      "text-decoration-line", "text-decoration-thickness", "opacity"];
    return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
  };
  window.__kbDescribe = describe;
  window.__kbLook = look;
  const selector = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
  const candidates = [...document.querySelectorAll(selector)];
  // A group of radios is one Tab stop (arrow keys move within it): the checked one, or the first.
  const radioStop = (el) => {
    if (el.type !== "radio" || !el.name) return true;
    const group = [...document.getElementsByName(el.name)].filter((r) => r.type === "radio" && r.form === el.form);
    return el === (group.find((r) => r.checked) || group[0]);
  };
  const controls = candidates.filter((el) =>
    el.tabIndex >= 0 && !el.disabled && !el.closest("[inert], [hidden]") && el.type !== "hidden" &&
    el.checkVisibility({visibilityProperty: true}) && radioStop(el));
  controls.forEach((el, index) => { el.dataset.kbIndex = String(index); });
  window.__kbVisits = [];
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    const r = el.getBoundingClientRect();
    window.__kbVisits.push({
      index: el.dataset.kbIndex === undefined ? null : Number(el.dataset.kbIndex),
      what: describe(el),
      look: look(el),
      focusVisible: el.matches(":focus-visible"),
      inView: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
      scroller: el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth,
    });
  }, true);
  return {
    controls: controls.map((el) => ({
      what: describe(el),
      native: el.matches("a[href], area[href], button, input, select, textarea, summary, iframe"),
      role: el.getAttribute("role"),
      label: el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"),
      scroller: el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth,
    })),
    positive: candidates.filter((el) => el.tabIndex > 0).map(describe),
    // A <label> that works a hidden checkbox is a control for the mouse only, unless it can take focus.
    // Material's sidebar section titles (their links take focus) and its search panel (the
    // search box opens it, Escape closes it) have keyboard equivalents of their own.
    pointerOnly: [...document.querySelectorAll("label[for]")].filter((label) => {
      const target = document.getElementById(label.htmlFor);
      const box = label.getBoundingClientRect();
      return target && label.tabIndex < 0 && !label.closest(".md-sidebar, .md-search") &&
        box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth &&
        label.checkVisibility({visibilityProperty: true, opacityProperty: true}) &&
        !(target.tabIndex >= 0 && target.checkVisibility({visibilityProperty: true}));
    }).map(describe),
  };
}"""

_UNFOCUSED = """() => {
  document.activeElement && document.activeElement.blur();
  return [...document.querySelectorAll("[data-kb-index]")].map((el) => ({
    ...window.__kbLook(el), shown: el.checkVisibility({visibilityProperty: true}),
  }));
}"""

# Properties whose change makes focus visible; a change of text colour alone is too faint.
VISIBLE_CHANGES = (
    "outline-style",
    "outline-width",
    "box-shadow",
    "border-top-color",
    "border-bottom-color",
    "border-bottom-width",
    "background-color",
    "text-decoration-line",
    "text-decoration-thickness",
    "opacity",
)


@dataclass
class TabWalk:
    controls: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    unfocused: list[dict[str, Any]]
    positive_tabindex: list[str]
    pointer_only: list[str]

    def problems(self) -> list[str]:
        """Everything a keyboard user would trip over, one sentence each."""
        out = [f"positive tabindex reorders focus: {what}" for what in self.positive_tabindex]
        out += [f"a control that works only with a pointer (no keyboard focus): {what}" for what in self.pointer_only]
        seen: list[int] = []
        for visit in self.visits:
            index = visit["index"]
            if index is None:
                # Chrome lets a scrolling box take focus so it can be scrolled by keyboard.
                if not visit["scroller"]:
                    out.append(f"focus lands on something that is not a control: {visit['what']}")
                continue
            if index in seen:
                # Back at the first control is a full round; anywhere else, focus is caught in a loop.
                if index != seen[0] and len(seen) < len(self.controls):
                    out.append(f"focus is trapped: it came back to {visit['what']} before reaching every control")
                break
            seen.append(index)
            if not visit["inView"]:
                out.append(f"focus is hidden off-screen on {visit['what']}")
            if not visit["focusVisible"] or not self._changes(visit["look"], self.unfocused[index]):
                out.append(f"no visible focus indicator on {visit['what']}")
        expected = list(range(len(self.controls)))
        # A control the page itself hid meanwhile (one shown only while scrolling, say) is not missing.
        missing = [self.controls[i]["what"] for i in expected if i not in seen and self.unfocused[i]["shown"]]
        out += [f"not reachable with Tab: {what}" for what in missing]
        if not missing and seen != [i for i in expected if i in seen]:
            out.append("focus order differs from reading order: " + ", ".join(self.controls[i]["what"] for i in seen))
        for control in self.controls:
            # A box that scrolls takes focus so it can be scrolled with the arrow keys.
            if not control["native"] and not control["scroller"] and not (control["role"] and control["label"]):
                out.append(f"a focusable element that is not a control needs a role and a label: {control['what']}")
        return out

    @staticmethod
    def _changes(focused: dict[str, str], unfocused: dict[str, Any]) -> bool:
        if focused["outline-style"] != "none" and focused["outline-width"] not in {"0px", ""}:
            return True
        return any(focused[p] != unfocused[p] for p in VISIBLE_CHANGES)


def tab_walk(page: Any, extra_presses: int = 3) -> TabWalk:
    """Press Tab through the whole page (plus a few presses, to see focus leave or loop)."""
    setup = page.evaluate(_SETUP, _NO_MOTION)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(len(setup["controls"]) + extra_presses):
        page.keyboard.press("Tab")
    visits = page.evaluate("() => window.__kbVisits")
    unfocused = page.evaluate(_UNFOCUSED)
    return TabWalk(setup["controls"], visits, unfocused, setup["positive"], setup["pointerOnly"])
