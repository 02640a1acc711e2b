// "Add your event" and "Update or cancel an event": a form that writes an event file for
// partners who never use Git. GOV.UK Design System patterns (labels, hints, fieldsets, radios
// with conditional reveals, date inputs, an error summary linked to each field). It checks the
// answers against the published JSON Schema (schemas/event.json) with a vendored validator,
// and against the validator's own rules that can run in a browser (times in order, a place
// given, repeat dates that fit, no placeholders), then writes the YAML file and offers to
// propose it on the code host, download it, or email it.
//
// Everything the data decides (organisations, methods, areas, topics, groups, venues, the
// repository address, the event schema as published) comes from contribute/event-form-data.js,
// generated with the site and loaded before this module, so the form is there when the page loads.
// Text is only ever set with textContent: nothing typed here is parsed as HTML.
import { Validator } from "./vendor/cfworker-json-schema/index.js";

const ROOT = new URL("../", import.meta.url);
const ACCESS = [
  ["step_free", "Step-free access from the street to the room"],
  ["accessible_toilet", "An accessible toilet"],
  ["hearing_loop", "A hearing loop"],
  ["bsl", "A British Sign Language interpreter"],
  ["speech_to_text", "Live captions or speech-to-text"],
  ["easy_read", "Easy read papers"],
  ["large_print", "Large print papers"],
  ["quiet_space", "A quiet space"],
  ["childcare", "Childcare or a crèche"],
  ["travel_costs", "Travel costs paid"],
  ["carer_costs", "Carer costs paid"],
];
const ONLINE_ACCESS = [
  ["captions", "Live captions on screen"],
  ["bsl_on_screen", "A British Sign Language interpreter on screen"],
  ["dial_in", "A phone number to join by voice"],
  ["recording", "A recording to watch afterwards"],
];
const AVAILABILITY = [
  ["yes", "Yes"],
  ["no", "No"],
  ["on-request", "On request"],
  ["unknown", "Not known"],
];
const WEEKS = ["first", "second", "third", "fourth", "last"];
const MAX_EVENT_DAYS = 366; // engage/checks/dates.py: the longest an event over several days may run
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// ---------------------------------------------------------------- small DOM helpers
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

const idOf = (name) => "f-" + name.replace(/[._]/g, "-");

function hint(name, text) {
  return text ? h("div", { class: "govuk-hint", id: idOf(name) + "-hint", text }) : null;
}

function errorSlot(name) {
  return h("p", { class: "govuk-error-message", id: idOf(name) + "-error", hidden: true });
}

function describedBy(name, hintText) {
  return [hintText ? idOf(name) + "-hint" : null].filter(Boolean).join(" ") || null;
}

function textField(name, label, { hintText, type = "text", width, autocomplete, inputmode, spellcheck, value } = {}) {
  const input = h("input", {
    class: "govuk-input" + (width ? ` govuk-input--width-${width}` : ""),
    id: idOf(name),
    name,
    type,
    autocomplete: autocomplete || "off",
    inputmode,
    spellcheck: spellcheck === false ? "false" : null,
    "aria-describedby": describedBy(name, hintText),
  });
  if (value) input.value = value;
  return h("div", { class: "govuk-form-group", "data-field": name },
    h("label", { class: "govuk-label", for: idOf(name), text: label }), hint(name, hintText), errorSlot(name), input);
}

function textArea(name, label, { hintText, rows = 5 } = {}) {
  return h("div", { class: "govuk-form-group", "data-field": name },
    h("label", { class: "govuk-label", for: idOf(name), text: label }), hint(name, hintText), errorSlot(name),
    h("textarea", { class: "govuk-textarea", id: idOf(name), name, rows, "aria-describedby": describedBy(name, hintText) }));
}

function select(name, label, options, { hintText, placeholder = "Choose one" } = {}) {
  return h("div", { class: "govuk-form-group", "data-field": name },
    h("label", { class: "govuk-label", for: idOf(name), text: label }), hint(name, hintText), errorSlot(name),
    h("select", { class: "govuk-select", id: idOf(name), name, "aria-describedby": describedBy(name, hintText) },
      h("option", { value: "", text: placeholder }),
      options.map(([value, text]) => h("option", { value, text }))));
}

// Radios or checkboxes in a fieldset; an option may reveal more questions (GOV.UK conditional reveal).
function choices(kind, name, legend, options, { hintText, inline = false, small = false, legendClass = "govuk-fieldset__legend--s" } = {}) {
  const items = h("div", {
    class: `govuk-${kind}` + (inline ? ` govuk-${kind}--inline` : "") + (small ? ` govuk-${kind}--small` : ""),
  });
  options.forEach(([value, text, reveal], index) => {
    const inputId = index === 0 ? idOf(name) : `${idOf(name)}-${index + 1}`;
    const input = h("input", {
      class: `govuk-${kind}__input`, id: inputId, name, type: kind === "radios" ? "radio" : "checkbox", value,
    });
    const item = h("div", { class: `govuk-${kind}__item` }, input,
      h("label", { class: `govuk-label govuk-${kind}__label`, for: inputId, text }));
    items.append(item);
    if (reveal) {
      const panel = h("div", { class: `govuk-${kind}__conditional`, id: `${inputId}-conditional`, hidden: true }, reveal);
      input.setAttribute("aria-controls", panel.id);
      items.append(panel);
    }
  });
  items.addEventListener("change", () => syncReveals(items));
  return h("div", { class: "govuk-form-group", "data-field": name },
    h("fieldset", { class: "govuk-fieldset", "aria-describedby": describedBy(name, hintText) },
      h("legend", { class: `govuk-fieldset__legend ${legendClass}`, text: legend }),
      hint(name, hintText), errorSlot(name), items));
}

function syncReveals(scope) {
  for (const input of scope.querySelectorAll("input[aria-controls]")) {
    const panel = document.getElementById(input.getAttribute("aria-controls"));
    if (!panel) continue;
    panel.hidden = !input.checked;
  }
}

function dateField(name, legend, hintText) {
  const part = (suffix, label, width) =>
    h("div", { class: "govuk-date-input__item" },
      h("div", { class: "govuk-form-group" },
        h("label", { class: "govuk-label govuk-date-input__label", for: suffix === "day" ? idOf(name) : `${idOf(name)}-${suffix}`, text: label }),
        h("input", {
          class: `govuk-input govuk-date-input__input govuk-input--width-${width}`,
          id: suffix === "day" ? idOf(name) : `${idOf(name)}-${suffix}`,
          name: `${name}-${suffix}`, type: "text", inputmode: "numeric", autocomplete: "off",
        })));
  return h("div", { class: "govuk-form-group", "data-field": name },
    h("fieldset", { class: "govuk-fieldset", role: "group", "aria-describedby": describedBy(name, hintText) },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: legend }),
      hint(name, hintText), errorSlot(name),
      h("div", { class: "govuk-date-input" }, part("day", "Day", 2), part("month", "Month", 2), part("year", "Year", 4))));
}

// "Add another" for repeating items (documents, options, moved dates), as the MOJ Design System's
// pattern for GOV.UK services: each item is a fieldset with a numbered legend and its own Remove
// button; "Add another" puts the keyboard in the new item's first field; what happened is said in
// a polite live region, so a screen reader user hears it. Removing re-draws the items from their
// values, so names, ids and legends stay numbered 1, 2, 3 with no gaps.
class Repeater {
  // fields: [{ key, label, kind: "text" | "textarea" | "date" | "time" | "url", hint, width }]
  constructor(name, { legend, hintText, noun, fields }) {
    this.name = name;
    this.noun = noun;
    this.fields = fields;
    this.count = 0;
    this.list = h("div", { class: "engage-repeater__items" });
    this.addButton = h("button", {
      type: "button", class: "govuk-button govuk-button--secondary engage-repeater__add", id: `${idOf(name)}-add`,
      text: `Add ${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`, onclick: () => this.add({}, true),
    });
    this.element = h("div", { class: "govuk-form-group engage-repeater", "data-field": name, "data-repeater": name },
      h("fieldset", { class: "govuk-fieldset", "aria-describedby": describedBy(name, hintText) },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: legend }),
        hint(name, hintText), errorSlot(name), this.list, this.addButton));
  }

  field(index, spec) {
    const full = `${this.name}.${index}.${spec.key}`;
    if (spec.kind === "date") return dateField(full, spec.label, spec.hint);
    if (spec.kind === "textarea") return textArea(full, spec.label, { hintText: spec.hint, rows: 3 });
    return textField(full, spec.label, {
      hintText: spec.hint, width: spec.width, type: spec.kind === "url" ? "url" : "text",
      inputmode: spec.kind === "time" ? "numeric" : undefined, spellcheck: spec.kind === "url" ? false : undefined,
    });
  }

  draw(values) {
    this.list.replaceChildren();
    this.count = 0;
    for (const item of values) this.append(item);
    this.addButton.textContent = this.count ? `Add another ${this.noun}` : `Add ${/^[aeiou]/i.test(this.noun) ? "an" : "a"} ${this.noun}`;
  }

  append(item) {
    const index = this.count++;
    const number = index + 1;
    const label = `${this.noun[0].toUpperCase()}${this.noun.slice(1)} ${number}`;
    this.list.append(h("div", { class: "engage-repeater__item", id: `${idOf(this.name)}-${index}` },
      h("fieldset", { class: "govuk-fieldset" },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: label }),
        this.fields.map((spec) => this.field(index, spec)),
        h("button", { type: "button", class: "govuk-button govuk-button--secondary engage-repeater__remove", onclick: () => this.remove(index) },
          "Remove", h("span", { class: "govuk-visually-hidden", text: ` ${this.noun} ${number}` })))));
    for (const spec of this.fields) this.set(`${this.name}.${index}.${spec.key}`, spec, item[spec.key]);
  }

  set(full, spec, value) {
    if (spec.kind === "date") setDate(full, value || "");
    else setValue(full, value === undefined || value === null ? "" : String(value));
  }

  // Each item's answers as typed (dates as their three boxes read, "" or null when not a date).
  values() {
    const out = [];
    for (let i = 0; i < this.count; i++) {
      const item = {};
      for (const spec of this.fields) {
        const full = `${this.name}.${i}.${spec.key}`;
        item[spec.key] = spec.kind === "date" ? readDate(full) : valueOf(full);
      }
      out.push(item);
    }
    return out;
  }

  // For redrawing: what is in the boxes, dates as they were typed.
  raw() {
    const out = [];
    for (let i = 0; i < this.count; i++) {
      const item = {};
      for (const spec of this.fields) {
        const full = `${this.name}.${i}.${spec.key}`;
        item[spec.key] = spec.kind === "date" ? readDate(full) || "" : valueOf(full);
      }
      out.push(item);
    }
    return out;
  }

  add(item, focus) {
    const values = this.raw();
    values.push(item);
    this.draw(values);
    if (focus) {
      document.getElementById(idOf(`${this.name}.${this.count - 1}.${this.fields[0].key}`))?.focus();
      announce(`${this.noun[0].toUpperCase()}${this.noun.slice(1)} ${this.count} added.`);
    }
  }

  remove(index) {
    const values = this.raw();
    values.splice(index, 1);
    this.draw(values);
    const next = Math.min(index, this.count - 1);
    const target = next >= 0 ? document.getElementById(idOf(`${this.name}.${next}.${this.fields[0].key}`)) : this.addButton;
    target?.focus();
    const left = this.count === 1 ? `1 ${this.noun}` : `${this.count} ${this.noun}s`;
    announce(`${this.noun[0].toUpperCase()}${this.noun.slice(1)} ${index + 1} removed. ${this.count ? left : `No ${this.noun}s`} left.`);
  }
}

function announce(text) {
  const region = document.getElementById("engage-announce");
  if (!region) return;
  // Cleared first, so the same words said twice are still read out.
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 50);
}

const DOCUMENT_FIELDS = [
  { key: "title", label: "Title", hint: "As a reader would recognise it, such as 'Easy read summary'." },
  { key: "url", label: "Web address", kind: "url", hint: "Starting https://." },
  { key: "format", label: "Format and size (optional)", width: 20, hint: "Such as 'PDF, 420 KB'. Leave it blank for a web page, which is best." },
];

// ---------------------------------------------------------------- reading the form
const form = () => document.getElementById("engage-event-form");
const valueOf = (name) => (form().elements.namedItem(name)?.value ?? "").trim();
const checked = (name) => [...form().querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);
// The ticked ids in the order the loaded event listed them (an update changes no order), new ones after.
const inOrder = (before, picked) => [...(before || []).filter((v) => picked.includes(v)), ...picked.filter((v) => !(before || []).includes(v))];
const radio = (name) => checked(name)[0] || "";

function setValue(name, value) {
  const el = form().elements.namedItem(name);
  if (el && "value" in el && !(el instanceof RadioNodeList)) el.value = value ?? "";
}
function setChecked(name, values) {
  for (const input of form().querySelectorAll(`input[name="${CSS.escape(name)}"]`)) input.checked = values.includes(input.value);
}
function setDate(name, iso) {
  const [y, m, d] = iso ? iso.split("-") : ["", "", ""];
  setValue(`${name}-day`, d ? String(Number(d)) : "");
  setValue(`${name}-month`, m ? String(Number(m)) : "");
  setValue(`${name}-year`, y || "");
}

// A date from its three boxes: "" when all are empty, null when not a real date.
function readDate(name) {
  const parts = ["day", "month", "year"].map((p) => valueOf(`${name}-${p}`));
  if (parts.every((p) => p === "")) return "";
  const [d, m, y] = parts;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

function readTime(name) {
  const text = valueOf(name).replace(".", ":");
  if (!text) return "";
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? `${match[1].padStart(2, "0")}:${match[2]}` : null;
}

// ---------------------------------------------------------------- the rules
function parseDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
const isoOf = (day) => day.toISOString().slice(0, 10);
const longDate = (iso) => {
  const day = parseDay(iso);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
};

// Which weekday of its month a date is: [0-based index, is it the last].
function weekOfMonth(day) {
  const next = new Date(day.getTime() + 7 * 86400000);
  return [Math.floor((day.getUTCDate() - 1) / 7), next.getUTCMonth() !== day.getUTCMonth()];
}

// The dates a repeating event falls on, as engage/occurrences.py works them out.
function ruleDates(first, rule) {
  const out = [];
  const start = parseDay(first);
  const until = parseDay(rule.until);
  if (rule.frequency === "weekly" || rule.frequency === "fortnightly") {
    const step = rule.frequency === "weekly" ? 7 : 14;
    for (let day = start; day <= until && out.length < 1000; day = new Date(day.getTime() + step * 86400000)) out.push(isoOf(day));
    return out;
  }
  const weekday = start.getUTCDay();
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); out.length < 1000; m++) {
    const month = new Date(Date.UTC(y, m, 1));
    if (month > until) break;
    const days = [];
    for (let d = new Date(month); d.getUTCMonth() === month.getUTCMonth(); d = new Date(d.getTime() + 86400000)) {
      if (d.getUTCDay() === weekday) days.push(d);
    }
    const pick = rule.week_of_month === "last" ? days[days.length - 1] : days[WEEKS.indexOf(rule.week_of_month)];
    if (pick && pick >= start && pick <= until) out.push(isoOf(pick));
  }
  return out;
}

// The same patterns as engage/checks/personal_data.py.
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const EMAIL_IN_TEXT = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const PHONE = /(?<![\w+])(?:\+44[ ]?(?:\(0\)[ ]?)?|\(?0)(?:\d(?:\)[ ]?|[ -])?){8,11}\d(?!\d)/g;
function personalPhone(candidate) {
  let digits = candidate.replace(/\D/g, "");
  if (candidate.startsWith("+44")) digits = "0" + (candidate.replace(/ /g, "").startsWith("+44(0)") ? digits.slice(3) : digits.slice(2));
  return (digits.length === 10 || digits.length === 11) && ["01", "02", "07"].includes(digits.slice(0, 2));
}

function slugify(text) {
  return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
}

// ---------------------------------------------------------------- writing YAML
const RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
function scalar(value) {
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^[A-Za-z][A-Za-z0-9 ,.'’()&/+£!?-]*$/.test(value) && !RESERVED.test(value) && !/\s$/.test(value)) return value;
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}
function block(value, indent) {
  const pad = " ".repeat(indent);
  const lines = value.replace(/\r\n?/g, "\n").replace(/\s+$/, "").split("\n");
  if (/^\s/.test(lines[0])) return " " + JSON.stringify(value);
  return " |\n" + lines.map((line) => (line ? pad + line : "")).join("\n");
}
function toYaml(obj, indent = 0) {
  const pad = " ".repeat(indent);
  const out = [];
  for (const [key, value] of Object.entries(obj)) {
    if (Array.isArray(value)) {
      out.push(`${pad}${key}:`);
      for (const item of value) {
        if (item && typeof item === "object") {
          const inner = toYaml(item, indent + 4).split("\n");
          out.push(`${pad}  - ${inner[0].trimStart()}`, ...inner.slice(1));
        } else out.push(`${pad}  - ${scalar(item)}`);
      }
    } else if (value && typeof value === "object") {
      out.push(`${pad}${key}:`, toYaml(value, indent + 2));
    } else if (typeof value === "string" && value.includes("\n")) {
      out.push(`${pad}${key}:${block(value, indent + 2)}`);
    } else if (typeof value === "string" && /^\d{1,2}:\d{2}$/.test(value)) {
      out.push(`${pad}${key}: "${value}"`);
    } else {
      out.push(`${pad}${key}: ${scalar(value)}`);
    }
  }
  return out.join("\n");
}

// Drop what is empty, so the file holds only what was said.
function prune(value) {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = prune(v);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === "" || value === null || value === undefined ? undefined : value;
}

// ---------------------------------------------------------------- the form
export class EventForm {
  constructor(root, data, schema, mode) {
    this.root = root;
    this.data = data;
    this.schema = schema;
    this.mode = mode;
    this.original = null;
    this.validator = new Validator(schema, "2020-12", false);
  }

  labels() {
    return {
      organiser: "Select the organisation running the event",
      title: "Enter the event's name",
      summary: "Enter a one-sentence summary",
      description: "Enter a description of the event",
      method: "Select the type of engagement",
      areas: "Select at least one area",
      topics: "Select at least one topic",
      date: "Enter the date of the event",
      timing: "Select whether the event has a start and end time",
      start_time: "Enter a start time, such as 18:30",
      end_time: "Enter an end time, such as 20:00",
      repeats: "Select whether the event repeats",
      week_of_month: "Select which week of the month it falls on",
      until: "Enter the last date it may happen",
      attendance: "Select how people take part",
      venue: "Select the venue",
      "online.platform": "Enter the online service, such as Microsoft Teams",
      "booking.required": "Select whether people need to book",
      contact: "Enter a contact email address, such as engagement@example.gov.uk",
      status: "Select whether the event goes ahead",
      status_note: "Say why, and what people should do instead",
      "consultation.decision": "Enter what is being decided",
      "consultation.opens": "Enter the date the consultation opens",
      "consultation.closes": "Enter the consultation's closing date",
      "consultation.how_responses_used": "Enter how the responses will be used",
      cost: "Enter what it costs, or 'Free'",
    };
  }

  render() {
    const d = this.data;
    const list = (items) => items.map((i) => [i.id, i.name]);
    this.repeaters = {
      moved: new Repeater("recurrence.moved", {
        legend: "Dates moved to another day or time (optional)", noun: "moved date",
        hintText: "One of its dates held on another day or at another time. Leave a time blank if it does not change.",
        fields: [
          { key: "original", label: "The date it would have been on", kind: "date" },
          { key: "date", label: "The date it is on instead", kind: "date" },
          { key: "start_time", label: "Start time (optional)", kind: "time", width: 5 },
          { key: "end_time", label: "End time (optional)", kind: "time", width: 5 },
          { key: "note", label: "Why it moved (optional)" },
        ],
      }),
      options: new Repeater("consultation.options", {
        legend: "The options put forward (optional)", noun: "option",
        hintText: "Include the options already rejected, and why: people need them to give an informed response.",
        fields: [
          { key: "title", label: "The option in a few words" },
          { key: "description", label: "What it would mean (optional)", kind: "textarea" },
          { key: "status", label: "Where it stands (optional)", width: 30, hint: "Such as 'Preferred option' or 'Rejected before consultation'. Blank means under consideration." },
        ],
      }),
      consultationDocuments: new Repeater("consultation.documents", {
        legend: "Consultation papers (optional)", noun: "paper",
        hintText: "What people need to read to respond: the proposals, an easy read version, the evidence.",
        fields: DOCUMENT_FIELDS,
      }),
      documents: new Repeater("documents", {
        legend: "Other papers or pages (optional)", noun: "document",
        hintText: "Such as an agenda, an easy read leaflet or a page about the project.",
        fields: DOCUMENT_FIELDS,
      }),
    };
    const venues = d.venues.map((v) => [v.id, `${v.name}, ${v.address}`]);
    const update = this.mode === "update";
    const sections = [];
    if (update) {
      sections.push(h("h2", { class: "govuk-heading-m", text: "Which event?" }),
        select("pick_organiser", "Organisation", d.organisations.map((o) => [o.id, o.name])),
        h("div", { class: "govuk-form-group", "data-field": "pick_event" },
          h("label", { class: "govuk-label", for: idOf("pick_event"), text: "Event" }),
          hint("pick_event", "Events are listed by date."), errorSlot("pick_event"),
          h("select", { class: "govuk-select", id: idOf("pick_event"), name: "pick_event", "aria-describedby": idOf("pick_event") + "-hint" },
            h("option", { value: "", text: "Choose the organisation first" }))),
        h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "engage-load-event", text: "Load this event", onclick: () => this.load() }),
        h("div", { id: "engage-loaded", class: "engage-form-note", role: "status", "aria-live": "polite" }),
        choices("radios", "status", "Is it going ahead?", [
          ["scheduled", "Yes, as listed"],
          ["cancelled", "No, it is cancelled"],
          ["postponed", "It is postponed to a date not yet known"],
          ["moved", "It has moved to another date, time or place"],
        ]),
        // Asked for whatever is not going ahead as listed: the validator needs it for all three.
        h("div", { id: "engage-status-note", hidden: true },
          textArea("status_note", "Why, and what people can do instead", { rows: 3, hintText: "Such as 'Cancelled because of the election period. Respond online instead.'" })));
    }
    sections.push(
      h("h2", { class: "govuk-heading-m", text: "About the event" }),
      update ? null : select("organiser", "Which organisation is running it?", d.organisations.map((o) => [o.id, o.name])),
      textField("title", "Event name", { hintText: "Short and specific, such as 'Fernside library: have your say'." }),
      textField("summary", "Summary", { hintText: "One sentence on what it is and who it is for." }),
      textArea("description", "Description", {
        hintText: "What happens, why it matters and what difference taking part makes. You can use **bold** and [links](https://…).",
      }),
      select("method", "Type of engagement", list(d.methods), { hintText: "This sets how it is listed, from giving information to shared decisions." }),
      choices("checkboxes", "areas", "Which areas is it for?", list(d.areas), { hintText: "Select all that apply.", small: true }),
      choices("checkboxes", "topics", "What is it about?", list(d.topics), { hintText: "Select all that apply.", small: true }),
      choices("checkboxes", "groups", "Does it reach out to particular groups? (optional)", list(d.groups), { hintText: "Select all that apply.", small: true }),
      choices("checkboxes", "partners", "Other organisations taking part (optional)", d.organisations.map((o) => [o.id, o.name]), { small: true }),
      h("h2", { class: "govuk-heading-m", text: "When" }),
      dateField("date", "Date", "For example, 27 3 2027. For a repeating event, give the first date."),
      choices("radios", "timing", "Does it have a start and end time?", [
        ["times", "Yes", [
          textField("start_time", "Start time", { hintText: "24-hour clock, such as 18:30. On the first day, if it runs over several days.", width: 5, inputmode: "numeric" }),
          textField("end_time", "End time", { hintText: "24-hour clock, such as 20:00. On the last day, if it runs over several days.", width: 5, inputmode: "numeric" }),
        ]],
        ["all-day", "No, it runs all day"],
      ]),
      dateField("end_date", "Last day (optional)",
        "Only if it runs over several days, such as a conference from 10:00 on 4 March to 16:00 on 6 March. If it has the same hours every day, the site lists them for each day."),
      choices("radios", "repeats", "Does it repeat?", [
        ["no", "No, it happens once"],
        ["weekly", "Every week, on the same day"],
        ["fortnightly", "Every other week, on the same day"],
        ["monthly", "Every month", [
          choices("radios", "week_of_month", "Which week of the month?", WEEKS.map((w) => [w, `The ${w} one`]), {
            hintText: "Of the first date's weekday, such as the second Tuesday.", small: true,
          }),
        ]],
      ], { hintText: "A series on the same weekday and at the same time is one event." }),
      h("div", { id: "engage-repeat-details", hidden: true },
        dateField("until", "Last date it may happen", "For example, 30 6 2027."),
        textArea("skip", "Dates it does not happen (optional)", { hintText: "One a line, such as 2027-02-16.", rows: 3 }),
        this.repeaters.moved.element),
      h("h2", { class: "govuk-heading-m", text: "Where" }),
      choices("radios", "attendance", "How do people take part?", [
        ["in-person", "In person"],
        ["online", "Online"],
        ["hybrid", "Both in person and online"],
      ]),
      h("div", { id: "engage-place", hidden: true },
        select("venue", "Venue", venues, { hintText: "If the venue is not listed, email the site team to add it first." }),
        textField("room", "Room (optional)", { width: 20 })),
      h("div", { id: "engage-online", hidden: true },
        textField("online.platform", "Online service", { hintText: "Such as Microsoft Teams or Zoom.", width: 20 }),
        textField("online.url", "Joining or registration link (optional)", {
          hintText: "Starting https://. Leave it out if the link is sent when people book.", type: "url", spellcheck: false,
        }),
        textArea("online.instructions", "How to join (optional)", { hintText: "Including by phone.", rows: 3 }),
        ONLINE_ACCESS.map(([key, label]) => choices("radios", `online.${key}`, label, AVAILABILITY, { inline: true, small: true }))),
      h("h2", { class: "govuk-heading-m", text: "Taking part" }),
      textField("cost", "Cost", { hintText: "Write 'Free' if it is.", width: 20, value: "Free" }),
      choices("radios", "booking.required", "Do people need to book?", [
        ["true", "Yes"],
        ["false", "No, people can just come"],
      ]),
      // Asked either way: an event people can just come to may still take bookings, or say so.
      textField("booking.url", "Where to book (optional)", { type: "url", spellcheck: false, hintText: "Starting https://." }),
      dateField("booking.by", "Last day to book (optional)"),
      textArea("booking.details", "More about booking (optional)", { rows: 3, hintText: "Other ways to book, such as by phone, or 'No need to book; just come along.'" }),
      textField("contact", "Contact email address", {
        hintText: "A role mailbox, never a person's own address.", type: "email", autocomplete: "email", spellcheck: false, width: 30,
      }),
      textField("url", "Your own page about it (optional)", { type: "url", spellcheck: false }),
      h("h2", { class: "govuk-heading-m", text: "Access" }),
      h("p", { class: "govuk-body", text: "Say what you know. 'Not known' is better than a guess." }),
      ACCESS.map(([key, label]) => choices("radios", `access.${key}`, label, AVAILABILITY, { inline: true, small: true })),
      dateField("access.adjustments_by", "Date to ask for other adjustments by (optional)"),
      textArea("access.notes", "Anything else about access (optional)", { rows: 3 }),
      h("h2", { class: "govuk-heading-m", text: "Consultation" }),
      choices("radios", "is_consultation", "Is it a consultation?", [
        ["yes", "Yes, people are asked for their views on a decision"],
        ["no", "No"],
      ], { hintText: "A consultation says what is being decided, how to respond and by when, and how the answers will be used." }),
      h("div", { id: "engage-consultation", hidden: true },
        textArea("consultation.decision", "What is being decided?", { hintText: "At a stage when it can still change, such as 'The opening hours of Fernside library from April 2027'.", rows: 3 }),
        dateField("consultation.opens", "Date it opens", "The first day responses are accepted, such as 1 2 2027."),
        dateField("consultation.closes", "Closing date", "The last day responses are accepted."),
        textField("consultation.respond_url", "Where to respond online (optional)", { type: "url", spellcheck: false, hintText: "Starting https://." }),
        textArea("consultation.how_responses_used", "How will the responses be used?", { hintText: "Who reads them and how they are taken into account, such as 'A report of the responses goes to Cabinet with the equality impact assessment'.", rows: 3 }),
        this.repeaters.options.element,
        this.repeaters.consultationDocuments.element,
        h("h3", { class: "govuk-heading-s", text: "Who decides, and when (optional)" }),
        textField("consultation.decision_due.maker", "Who decides", { hintText: "A body or a role, such as 'Cabinet' or 'Director of Housing'.", width: 30 }),
        dateField("consultation.decision_due.date", "Date of the decision", "The date it will be taken."),
        textField("consultation.decision_due.url", "Link to the meeting or decision notice (optional)", { type: "url", spellcheck: false }),
        choices("radios", "has_audience", "Is it for particular people only?", [
          ["no", "No, for everyone in the district"],
          ["yes", "Yes", [
            choices("checkboxes", "consultation.audience.areas", "Areas it is for (optional)", list(d.areas), { small: true, hintText: "Every area if none is selected." }),
            choices("checkboxes", "consultation.audience.groups", "Groups it is for (optional)", list(d.groups), { small: true }),
            (d.characteristics || []).map((c) => choices("checkboxes", `consultation.audience.categories.${c.id}`, `${c.name} (optional)`,
              c.categories.map((cat) => [cat.id, cat.name]), { small: true, inline: c.categories.length <= 4 })),
          ]],
        ], { hintText: "Responses are compared with the people it is for, such as people of working age, not with everyone." })),
      h("h2", { class: "govuk-heading-m", text: "Papers and links" }),
      this.repeaters.documents.element,
      select("eia", "Equality impact assessment it informs (optional)", (d.eias || []).map((e) => [e.id, e.name]), {
        hintText: "From the site's register. If it is not listed yet, leave this out and add it when the assessment is published.", placeholder: "None",
      }),
      update ? textField("attendees", "How many people took part (optional)", { hintText: "After the event. A number, such as 24.", width: 5, inputmode: "numeric" }) : null,
    );
    const summary = h("div", { class: "govuk-error-summary", id: "engage-error-summary", hidden: true, tabindex: "-1" },
      h("div", { role: "alert" },
        h("h2", { class: "govuk-error-summary__title", text: "There is a problem" }),
        h("div", { class: "govuk-error-summary__body" }, h("ul", { class: "govuk-list govuk-error-summary__list" }))));
    const formEl = h("form", { id: "engage-event-form", class: "engage-form", novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      sections,
      h("button", { type: "submit", class: "govuk-button", text: update ? "Check and make the changed file" : "Check and make the file" }));
    const result = h("section", { id: "engage-result", "aria-labelledby": "engage-result-title", hidden: true });
    const live = h("div", { id: "engage-announce", class: "govuk-visually-hidden", role: "status", "aria-live": "polite" });
    // The introduction stays; the explanation for browsers without JavaScript goes.
    this.root.querySelector(".engage-no-script")?.remove();
    this.root.append(summary, formEl, result, live);
    for (const repeater of Object.values(this.repeaters)) repeater.draw([]);
    for (const [key] of ACCESS) setChecked(`access.${key}`, ["unknown"]);
    for (const [key] of ONLINE_ACCESS) setChecked(`online.${key}`, ["unknown"]);
    setChecked("is_consultation", ["no"]);
    setChecked("has_audience", ["no"]);
    setChecked("booking.required", ["false"]);
    if (update) setChecked("status", ["scheduled"]);
    this.wire();
  }

  wire() {
    const f = form();
    const toggles = () => {
      const repeats = radio("repeats");
      document.getElementById("engage-repeat-details").hidden = !repeats || repeats === "no";
      const how = radio("attendance");
      document.getElementById("engage-place").hidden = !(how === "in-person" || how === "hybrid");
      document.getElementById("engage-online").hidden = !(how === "online" || how === "hybrid");
      document.getElementById("engage-consultation").hidden = radio("is_consultation") !== "yes";
      const note = document.getElementById("engage-status-note");
      if (note) note.hidden = !radio("status") || radio("status") === "scheduled";
      // An online-only event has no building: its step-free access and the like are not asked.
      for (const key of this.data.physical_access || []) {
        const group = f.querySelector(`[data-field="access.${key}"]`);
        if (group) group.hidden = how === "online";
      }
      syncReveals(f);
    };
    f.addEventListener("change", toggles);
    toggles();
    const org = f.elements.namedItem("organiser");
    if (org) {
      org.addEventListener("change", () => {
        const found = this.data.organisations.find((o) => o.id === org.value);
        if (found && (!valueOf("contact") || this.data.organisations.some((o) => o.contact === valueOf("contact")))) setValue("contact", found.contact);
      });
    }
    const pick = f.elements.namedItem("pick_organiser");
    if (pick) pick.addEventListener("change", () => this.listEvents(pick.value));
  }

  // ------------------------------------------------------------ update: choose and load
  async events() {
    if (!this.allEvents) {
      const response = await fetch(new URL(this.data.events, ROOT));
      this.allEvents = (await response.json()).records;
    }
    return this.allEvents;
  }

  async listEvents(organiser) {
    const target = form().elements.namedItem("pick_event");
    const mine = (await this.events()).filter((e) => e.organiser === organiser).sort((a, b) => a.date.localeCompare(b.date));
    target.replaceChildren(h("option", { value: "", text: mine.length ? "Choose the event" : "This organisation has no events" }),
      ...mine.map((e) => h("option", { value: e.id, text: `${longDate(e.date)}: ${e.title}` })));
  }

  async load() {
    const id = valueOf("pick_event");
    const record = (await this.events()).find((e) => e.id === id);
    const status = document.getElementById("engage-loaded");
    if (!record) {
      this.showErrors([{ field: "pick_event", message: "Select the event to change" }]);
      return;
    }
    this.original = record;
    this.fill(record);
    status.textContent = `Loaded “${record.title}”. Change what you need, then check and make the file.`;
  }

  fill(e) {
    setValue("title", e.title);
    setValue("summary", e.summary);
    setValue("description", e.description);
    setValue("method", e.method);
    setChecked("areas", e.areas || []);
    setChecked("topics", e.topics || []);
    setChecked("groups", e.groups || []);
    setChecked("partners", e.partners || []);
    setDate("date", e.date);
    setChecked("timing", [e.start_time ? "times" : "all-day"]);
    setValue("start_time", e.start_time);
    setValue("end_time", e.end_time);
    setDate("end_date", e.end_date);
    const rule = e.recurrence;
    setChecked("repeats", [rule ? rule.frequency : "no"]);
    setChecked("week_of_month", rule && rule.week_of_month ? [rule.week_of_month] : []);
    setDate("until", rule ? rule.until : "");
    setValue("skip", rule ? (rule.skip || []).join("\n") : "");
    setChecked("attendance", [e.venue && e.online ? "hybrid" : e.online ? "online" : "in-person"]);
    setValue("venue", e.venue);
    setValue("room", e.room);
    setValue("online.platform", e.online?.platform);
    setValue("online.url", e.online?.url);
    setValue("online.instructions", e.online?.instructions);
    for (const [key] of ONLINE_ACCESS) setChecked(`online.${key}`, [e.online?.[key] || "unknown"]);
    this.repeaters.moved.draw(rule?.moved || []);
    const c = e.consultation;
    setChecked("is_consultation", [c ? "yes" : "no"]);
    setValue("consultation.decision", c?.decision);
    setDate("consultation.opens", c?.opens);
    setDate("consultation.closes", c?.closes);
    setValue("consultation.respond_url", c?.respond_url);
    setValue("consultation.how_responses_used", c?.how_responses_used);
    this.repeaters.options.draw(c?.options || []);
    this.repeaters.consultationDocuments.draw(c?.documents || []);
    setValue("consultation.decision_due.maker", c?.decision_due?.maker);
    setDate("consultation.decision_due.date", c?.decision_due?.date);
    setValue("consultation.decision_due.url", c?.decision_due?.url);
    const audience = c?.audience;
    const categories = audience?.categories || {};
    setChecked("has_audience", [audience && (audience.areas?.length || audience.groups?.length || Object.keys(categories).length) ? "yes" : "no"]);
    setChecked("consultation.audience.areas", audience?.areas || []);
    setChecked("consultation.audience.groups", audience?.groups || []);
    for (const ch of this.data.characteristics || []) setChecked(`consultation.audience.categories.${ch.id}`, categories[ch.id] || []);
    this.repeaters.documents.draw(e.documents || []);
    setValue("eia", e.eia);
    setValue("attendees", e.attendees === null || e.attendees === undefined ? "" : String(e.attendees));
    setValue("cost", e.cost);
    setChecked("booking.required", [String(Boolean(e.booking?.required))]);
    setValue("booking.url", e.booking?.url);
    setDate("booking.by", e.booking?.by);
    setValue("booking.details", e.booking?.details);
    setValue("contact", e.contact);
    setValue("url", e.url);
    for (const [key] of ACCESS) setChecked(`access.${key}`, [e.access?.[key] || "unknown"]);
    setDate("access.adjustments_by", e.access?.adjustments_by);
    setValue("access.notes", e.access?.notes);
    setChecked("status", [e.status || "scheduled"]);
    setValue("status_note", e.status_note);
    form().dispatchEvent(new Event("change"));
  }

  // ------------------------------------------------------------ checking
  // Reads the answers into an event record, with the problems that stop it being one.
  collect() {
    const errors = [];
    const fail = (field, message) => { if (!errors.some((e) => e.field === field)) errors.push({ field, message }); };
    const L = this.labels();
    const need = (field, value) => { if (value === "" || (Array.isArray(value) && !value.length)) fail(field, L[field]); return value; };
    const update = this.mode === "update";
    if (update && !this.original) fail("pick_event", "Select the event to change, then load it");
    const organiser = update ? this.original?.organiser || "" : need("organiser", valueOf("organiser"));
    const record = {
      title: need("title", valueOf("title")),
      summary: need("summary", valueOf("summary")),
      description: need("description", valueOf("description")),
      organiser,
      partners: inOrder(this.original?.partners, checked("partners").filter((p) => p !== organiser)),
      method: need("method", valueOf("method")),
      areas: need("areas", inOrder(this.original?.areas, checked("areas"))),
      topics: need("topics", inOrder(this.original?.topics, checked("topics"))),
      groups: inOrder(this.original?.groups, checked("groups")),
      // Every field the form asks about is named here, even when left empty, so an update never
      // keeps a value the partner removed (the original's other fields are kept: see finish).
      start_time: null, end_time: null, end_date: null, recurrence: null, venue: null, room: null, online: null,
      consultation: null, documents: null, eia: null, attendees: null,
    };
    const date = readDate("date");
    if (date === "") fail("date", L.date);
    else if (date === null) fail("date", "Date must be a real date, such as 27 3 2027");
    record.date = date || "";
    const timing = need("timing", radio("timing"));
    if (timing === "times") {
      const start = readTime("start_time");
      const end = readTime("end_time");
      if (start === "") fail("start_time", L.start_time);
      else if (start === null) fail("start_time", "Start time must be a 24-hour time, such as 18:30");
      if (end === "") fail("end_time", L.end_time);
      else if (end === null) fail("end_time", "End time must be a 24-hour time, such as 20:00");
      record.start_time = start || "";
      record.end_time = end || "";
    }
    const last = readDate("end_date");
    if (last === null) fail("end_date", "Last day must be a real date");
    else if (last && date && last < date) fail("end_date", "Last day must be on or after the date");
    else if (last && date && (parseDay(last) - parseDay(date)) / 86400000 >= MAX_EVENT_DAYS) {
      fail("end_date", `An event may last at most ${MAX_EVENT_DAYS} days: list a longer programme as separate or repeating events`);
    } else if (last && last !== date) record.end_date = last;
    // Over several days, the end time is on the last day, so it may be earlier in the day.
    if (record.start_time && record.end_time && (!last || last === date) && record.end_time <= record.start_time) {
      fail("end_time", `End time must be after the start time (${record.start_time})`);
    }
    const repeats = need("repeats", radio("repeats"));
    if (repeats && repeats !== "no") {
      if (record.end_date) fail("end_date", "A repeating event happens on single days: leave out the last day");
      const rule = { frequency: repeats };
      if (repeats === "monthly") {
        rule.week_of_month = need("week_of_month", radio("week_of_month"));
        if (rule.week_of_month && date) {
          const [index, last] = weekOfMonth(parseDay(date));
          const fits = rule.week_of_month === "last" ? last : WEEKS.indexOf(rule.week_of_month) === index;
          if (!fits) fail("week_of_month", `${longDate(date)} is not the ${rule.week_of_month} ${DAY_NAMES[parseDay(date).getUTCDay()]} of its month`);
        }
      }
      const until = readDate("until");
      if (until === "") fail("until", L.until);
      else if (until === null) fail("until", "Last date must be a real date");
      else if (date && until < date) fail("until", "Last date must be on or after the first date");
      rule.until = until || "";
      const skip = valueOf("skip").split(/[\s,]+/).filter(Boolean);
      const bad = skip.find((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s));
      if (bad) fail("skip", `Write each date like 2027-02-16, not '${bad}'`);
      else if (date && until && !errors.some((e) => e.field === "week_of_month")) {
        const dates = new Set(ruleDates(date, rule));
        const stray = skip.find((s) => !dates.has(s));
        if (stray) fail("skip", `${stray} is not one of the event's dates`);
      }
      if (skip.length) rule.skip = skip;
      const dates = date && until && !errors.some((e) => e.field === "week_of_month") ? new Set(ruleDates(date, rule)) : null;
      rule.moved = this.repeaters.moved.values().map((m, i) => {
        const at = `recurrence.moved.${i}`;
        if (!Object.values(m).some((v) => v !== "")) return undefined; // an item left empty
        const entry = { original: m.original, date: m.date, start_time: readTime(`${at}.start_time`), end_time: readTime(`${at}.end_time`), note: m.note };
        if (m.original === "") fail(`${at}.original`, `Enter the date moved date ${i + 1} would have been on`);
        else if (m.original === null) fail(`${at}.original`, `The date moved date ${i + 1} would have been on must be a real date`);
        else if (dates && !dates.has(m.original)) fail(`${at}.original`, `${longDate(m.original)} is not one of the event's dates`);
        else if (skip.includes(m.original)) fail(`${at}.original`, `${longDate(m.original)} is also a date it does not happen: a date is either skipped or moved`);
        if (m.date === "") fail(`${at}.date`, `Enter the date moved date ${i + 1} is on instead`);
        else if (m.date === null) fail(`${at}.date`, `The date moved date ${i + 1} is on must be a real date`);
        for (const key of ["start_time", "end_time"]) if (entry[key] === null) fail(`${at}.${key}`, "Write the time on the 24-hour clock, such as 18:30");
        const from = entry.start_time || record.start_time;
        const to = entry.end_time || record.end_time;
        if (from && to && to <= from) fail(`${at}.${entry.end_time ? "end_time" : "start_time"}`, `Moved date ${i + 1} must end after it starts (${from})`);
        return entry;
      }).filter(Boolean);
      record.recurrence = rule;
    }
    if (update) {
      record.status = radio("status") || "scheduled";
      record.status_note = valueOf("status_note");
      if (record.status !== "scheduled" && !record.status_note) fail("status_note", L.status_note);
    }
    const how = need("attendance", radio("attendance"));
    if (how === "in-person" || how === "hybrid") {
      record.venue = need("venue", valueOf("venue"));
      record.room = valueOf("room");
    }
    if (how === "online" || how === "hybrid") {
      record.online = {
        platform: need("online.platform", valueOf("online.platform")),
        url: valueOf("online.url"),
        instructions: valueOf("online.instructions"),
      };
      for (const [key] of ONLINE_ACCESS) record.online[key] = radio(`online.${key}`) || "unknown";
    }
    record.cost = valueOf("cost") || "Free";
    const booking = radio("booking.required");
    record.booking = { required: booking === "true" };
    record.booking.url = valueOf("booking.url");
    const by = readDate("booking.by");
    if (by === null) fail("booking.by", "Last day to book must be a real date");
    else if (by && date && !record.recurrence && by > (record.end_date || date)) fail("booking.by", `The last day to book must be on or before the event, ${longDate(record.end_date || date)}`);
    record.booking.by = by || "";
    record.booking.details = valueOf("booking.details");
    record.contact = need("contact", valueOf("contact"));
    const access = {};
    const physical = new Set(this.data.physical_access || []);
    for (const [key] of ACCESS) if (!(how === "online" && physical.has(key))) access[key] = radio(`access.${key}`) || "unknown";
    const adjust = readDate("access.adjustments_by");
    if (adjust === null) fail("access.adjustments_by", "The date must be a real date");
    else if (adjust && date && !record.recurrence && adjust > (record.end_date || date)) fail("access.adjustments_by", `The date to ask for adjustments must be on or before the event, ${longDate(record.end_date || date)}`);
    access.adjustments_by = adjust || "";
    access.notes = valueOf("access.notes");
    record.access = access;
    record.url = valueOf("url");
    if (radio("is_consultation") === "yes") record.consultation = this.consultation(fail, L, date);
    record.documents = this.documents("documents", fail);
    record.eia = valueOf("eia");
    if (update) {
      const count = valueOf("attendees");
      if (count && !/^\d{1,9}$/.test(count)) fail("attendees", "Write how many took part as a number, such as 24");
      else if (count) record.attendees = Number(count);
      // The day of the change, in the site's time zone: `engage validate --against` asks for it.
      record.changed = new Intl.DateTimeFormat("en-CA", { timeZone: this.data.timezone }).format(new Date());
    }
    // A starter's placeholder must never be published (the validator's `placeholder` rule),
    // nor a person's email address or phone number (part of checks/personal_data.py).
    const allowed = new Set(this.data.role_mailboxes);
    if (record.contact && EMAIL.test(record.contact) && !allowed.has(record.contact.toLowerCase())) {
      fail("contact", `Use a role mailbox the site knows, such as your organisation's (${this.data.organisations.find((o) => o.id === organiser)?.contact || this.data.mailbox}), never a person's address`);
    }
    for (const [field, value] of Object.entries(flatten(record))) {
      if (typeof value !== "string") continue;
      const name = fieldFor(field.split("."));
      if (/\bTODO\b/.test(value)) fail(name, "Replace the placeholder TODO with what you mean");
      const text = value.replace(/https?:\/\/[^\s<>()[\]"'`]+/gi, (url) => " ".repeat(url.length));
      for (const m of text.matchAll(EMAIL_IN_TEXT)) {
        if (!allowed.has(m[0].toLowerCase())) fail(name, `Remove the email address ${m[0]}: use a role mailbox, never a person's address`);
      }
      for (const m of text.matchAll(PHONE)) {
        if (personalPhone(m[0])) fail(name, `Remove the phone number ${m[0].trim()}: do not publish people's phone numbers`);
      }
    }
    return { record, errors, how };
  }

  // A list of documents from its "add another" items; an item left wholly empty is dropped.
  documents(name, fail) {
    const key = name === "documents" ? "documents" : "consultation.documents";
    const noun = name === "documents" ? "document" : "paper";
    return this.repeaters[name === "documents" ? "documents" : "consultationDocuments"].values().map((doc, i) => {
      if (!Object.values(doc).some((v) => v !== "")) return undefined;
      if (!doc.title) fail(`${key}.${i}.title`, `Enter the title of ${noun} ${i + 1}`);
      if (!doc.url) fail(`${key}.${i}.url`, `Enter the web address of ${noun} ${i + 1}, starting https://`);
      return { title: doc.title, url: doc.url, format: doc.format };
    }).filter(Boolean);
  }

  // The consultation part: what is decided, when it opens and closes, how answers are used (the
  // Gunning principles), with the validator's rules that can run here.
  consultation(fail, L, date) {
    const need = (field, value) => { if (value === "") fail(field, L[field]); return value; };
    const c = {
      decision: need("consultation.decision", valueOf("consultation.decision")),
    };
    for (const [field, what] of [["opens", "opening date"], ["closes", "closing date"]]) {
      const value = readDate(`consultation.${field}`);
      if (value === "") fail(`consultation.${field}`, L[`consultation.${field}`]);
      else if (value === null) fail(`consultation.${field}`, `The ${what} must be a real date, such as 27 3 2027`);
      c[field] = value || "";
    }
    if (c.opens && c.closes && c.closes < c.opens) fail("consultation.closes", `The closing date must be on or after the opening date, ${longDate(c.opens)}`);
    c.options = this.repeaters.options.values().map((o, i) => {
      if (!Object.values(o).some((v) => v !== "")) return undefined;
      if (!o.title) fail(`consultation.options.${i}.title`, `Enter option ${i + 1} in a few words`);
      return { title: o.title, description: o.description, status: o.status || "Under consideration" };
    }).filter(Boolean);
    c.documents = this.documents("consultation.documents", fail);
    c.respond_url = valueOf("consultation.respond_url");
    c.how_responses_used = need("consultation.how_responses_used", valueOf("consultation.how_responses_used"));
    const maker = valueOf("consultation.decision_due.maker");
    const when = readDate("consultation.decision_due.date");
    const link = valueOf("consultation.decision_due.url");
    if (maker || when || link) {
      if (!maker) fail("consultation.decision_due.maker", "Enter who decides, such as Cabinet");
      if (when === "") fail("consultation.decision_due.date", "Enter the date of the decision");
      else if (when === null) fail("consultation.decision_due.date", "The date of the decision must be a real date");
      c.decision_due = { maker, date: when || "", url: link, summary: this.original?.consultation?.decision_due?.summary };
    }
    if (radio("has_audience") === "yes") {
      const before = this.original?.consultation?.audience;
      const categories = {};
      for (const ch of this.data.characteristics || []) {
        const picked = inOrder(before?.categories?.[ch.id], checked(`consultation.audience.categories.${ch.id}`));
        if (picked.length) categories[ch.id] = picked;
      }
      c.audience = {
        categories,
        areas: inOrder(before?.areas, checked("consultation.audience.areas")),
        groups: inOrder(before?.groups, checked("consultation.audience.groups")),
      };
    }
    return c;
  }

  // The record in the order of the schema's fields, the original's other fields kept (update).
  finish(record) {
    let out = record;
    if (this.mode === "update" && this.original) {
      const kept = {};
      for (const [k, v] of Object.entries(this.original)) if (!(k in record) && k !== "id" && !k.startsWith("_")) kept[k] = v; // not the id or the export's _names
      out = { ...kept, ...record };
      // Every changed file raises the sequence by one: the validator requires it whenever the
      // date, time, place or status changes, and a raise with nothing else changed does no harm.
      out.sequence = (this.original.sequence || 0) + 1;
    }
    const order = Object.keys(this.schema.properties);
    const pruned = prune(out) || {};
    const sorted = {};
    for (const key of order) if (key in pruned) sorted[key] = pruned[key];
    return sorted;
  }

  schemaErrors(record) {
    const result = this.validator.validate(record);
    const out = [];
    for (const error of result.errors) {
      const path = error.instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean);
      if (!path.length) {
        if (error.keyword === "required") continue; // already said, field by field
        continue;
      }
      // The failing value's own error comes as well: not the containers' that only say "inside".
      if (["properties", "items", "$ref", "allOf", "anyOf", "oneOf", "prefixItems"].includes(error.keyword)) continue;
      const field = fieldFor(path);
      const L = this.labels();
      out.push({ field, message: L[field] && !["pattern", "format", "maxLength"].includes(error.keyword) ? L[field] : plainSchemaError(error, field) });
    }
    return out;
  }

  submit() {
    const { record, errors } = this.collect();
    const finished = this.finish(record);
    if (!errors.length) {
      for (const e of this.schemaErrors(finished)) if (!errors.some((x) => x.field === e.field)) errors.push(e);
    }
    if (errors.length) {
      this.showErrors(errors);
      document.getElementById("engage-result").hidden = true;
      return;
    }
    this.showErrors([]);
    this.showResult(finished);
  }

  showErrors(errors) {
    const summary = document.getElementById("engage-error-summary");
    const list = summary.querySelector("ul");
    for (const group of form().querySelectorAll(".govuk-form-group--error")) group.classList.remove("govuk-form-group--error");
    for (const slot of form().querySelectorAll(".govuk-error-message")) { slot.hidden = true; slot.textContent = ""; }
    for (const input of form().querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const known = [...form().querySelectorAll("[data-field]")].map((el) => el.dataset.field);
    errors.sort((a, b) => known.indexOf(a.field) - known.indexOf(b.field));
    list.replaceChildren(...errors.map((e) => h("li", {}, h("a", {
      href: `#${idOf(e.field)}`, text: e.message,
      onclick: (event) => { event.preventDefault(); focusField(e.field); },
    }))));
    for (const e of errors) {
      const group = form().querySelector(`[data-field="${CSS.escape(e.field)}"]`);
      if (!group) continue;
      group.classList.add("govuk-form-group--error");
      const slot = document.getElementById(idOf(e.field) + "-error");
      slot.hidden = false;
      slot.replaceChildren(h("span", { class: "govuk-visually-hidden", text: "Error: " }), e.message);
      const target = group.querySelector("fieldset") || document.getElementById(idOf(e.field));
      if (target) {
        const ids = new Set((target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
        ids.add(slot.id);
        target.setAttribute("aria-describedby", [...ids].join(" "));
      }
      const input = document.getElementById(idOf(e.field));
      if (input && !group.querySelector("fieldset")) input.setAttribute("aria-invalid", "true");
    }
    summary.hidden = errors.length === 0;
    document.title = (errors.length ? "Error: " : "") + document.title.replace(/^Error: /, "");
    if (errors.length) summary.focus();
  }

  showResult(record) {
    const d = this.data;
    const update = this.mode === "update";
    const name = update ? `${this.original.id}.yaml` : `${record.date}-${slugify(record.title) || "event"}.yaml`;
    const folder = `data/events/${record.organiser}/`;
    const text = `${d.schema_line}\n${toYaml(record)}\n`;
    const result = document.getElementById("engage-result");
    const blob = new Blob([text], { type: "application/yaml" });
    if (this.download) URL.revokeObjectURL(this.download);
    this.download = URL.createObjectURL(blob);
    const subject = `${update ? "Changed" : "New"} event for ${d.site}: ${record.title}`;
    const mail = `mailto:${d.mailbox}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`Please publish this event file as ${folder}${name}\n\n${text}`)}`;
    const options = h("ul", { class: "govuk-list engage-form-options" });
    if (!update && d.new_file_url) {
      const propose = `${d.new_file_url}${folder}?filename=${encodeURIComponent(name)}&value=${encodeURIComponent(text)}`;
      options.append(h("li", {}, h("a", { class: "govuk-button", id: "engage-propose", href: propose, text: "Propose it on GitHub" }),
        h("p", { class: "govuk-body", text: `This opens GitHub's page for a new file in ${folder}, with the name and contents filled in. Choose “Propose new file”, then “Create pull request”.` })));
    } else if (update && d.edit_file_url) {
      options.append(h("li", {}, h("a", { class: "govuk-button", id: "engage-propose", href: `${d.edit_file_url}${folder}${name}`, text: "Open the file on GitHub" }),
        h("p", { class: "govuk-body", text: "Replace everything in the file with the contents below, then choose “Propose changes”." })));
    }
    options.append(
      h("li", {}, h("a", { class: "govuk-button govuk-button--secondary", id: "engage-download", href: this.download, download: name, text: "Download the file" })),
      h("li", {}, h("a", { class: "govuk-link", id: "engage-email", href: mail, text: `Email it to ${d.mailbox}` }),
        h("p", { class: "govuk-body", text: "The site team will publish it for you." })));
    result.replaceChildren(
      h("h2", { class: "govuk-heading-m", id: "engage-result-title", tabindex: "-1", text: "Your event file is ready" }),
      h("p", { class: "govuk-body" }, "It goes in ", h("code", { id: "engage-path", text: `${folder}${name}` }), update ? `. Its sequence is now ${record.sequence}, so calendars that subscribe will update.` : "."),
      options,
      h("div", { class: "govuk-form-group" },
        h("label", { class: "govuk-label", for: "engage-yaml", text: "The file's contents" }),
        h("textarea", { class: "govuk-textarea engage-yaml", id: "engage-yaml", rows: 16, readonly: true, spellcheck: "false" })));
    result.querySelector("textarea").value = text;
    result.hidden = false;
    result.querySelector("h2").focus();
  }
}

// The form field a value's path belongs to: the item's own field in an "add another" list
// (consultation.options.0.title), else the nearest field that holds it (areas.2 is in areas).
const PATH_ALIASES = { "recurrence.until": "until", "recurrence.skip": "skip", "recurrence.week_of_month": "week_of_month", "recurrence.frequency": "repeats" };
function fieldFor(parts) {
  const known = new Set([...form().querySelectorAll("[data-field]")].map((el) => el.dataset.field));
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join(".");
    if (known.has(name)) return name;
    if (PATH_ALIASES[name]) return PATH_ALIASES[name];
  }
  return parts.join(".");
}

function flatten(value, prefix = "", out = {}) {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = value;
  return out;
}

function plainSchemaError(error, field) {
  const words = {
    pattern: "is not written the way it should be",
    maxLength: "is too long",
    minLength: "is empty",
    format: "is not written the way it should be",
    type: "has the wrong kind of value",
    enum: "is not one of the choices",
  };
  // A date's three boxes are named by their fieldset's legend, not the "Day" box's label.
  const group = document.querySelector(`[data-field="${CSS.escape(field)}"]`);
  const label = group?.querySelector("legend")?.textContent || group?.querySelector("label")?.textContent || field;
  if (field === "contact" || field.endsWith("url")) return `${label} ${field === "contact" ? "must be an email address, such as engagement@example.gov.uk" : "must be a web address starting https://"}`;
  return `${label} ${words[error.keyword] || "is not right"}`;
}

function focusField(field) {
  const input = document.getElementById(idOf(field));
  const group = input?.closest("[data-field]");
  const legend = group?.querySelector("legend");
  (legend || group || input)?.scrollIntoView();
  input?.focus({ preventScroll: Boolean(legend) });
}

function start() {
  const root = document.getElementById("engage-event-form-app");
  const data = window.engageEventFormData;
  if (!root || !data) return; // the explanation of the template route stays on the page
  const app = new EventForm(root, data, data.schema, root.dataset.mode === "update" ? "update" : "add");
  app.render();
  window.engageEventForm = app;
}

start();
