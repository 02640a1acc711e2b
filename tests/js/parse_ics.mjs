// Parse iCalendar files with Mozilla's ical.js and print every occurrence in a window as JSON.
// Usage: node parse_ics.mjs FROM TO FILE...   (FROM, TO: YYYY-MM-DD; the window is [FROM, TO))
// Output: {"FILE": [{uid, start, end, status, summary}, ...], ...}
// Timed starts and ends are UTC ISO strings (converted with the file's own VTIMEZONEs);
// all-day ones are YYYY-MM-DD. An occurrence is listed when it overlaps the window.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [from, to, ...files] = process.argv.slice(2);
const windowStart = new Date(`${from}T00:00:00Z`);
const windowEnd = new Date(`${to}T00:00:00Z`);
// Iterate original dates well past the window, so an occurrence moved into it is not missed.
const iterateUntil = ICAL.Time.fromDateString(`${Number(to.slice(0, 4)) + 2}${to.slice(4)}`);

function stamp(time) {
  return time.isDate ? time.toString() : time.toJSDate().toISOString();
}

function overlaps(start, end) {
  if (start.isDate) {
    // A day runs from its midnight to the next in UTC terms here, as the window does.
    return start.toString() < to && end.toString() > from;
  }
  return start.toJSDate() < windowEnd && end.toJSDate() > windowStart;
}

function occurrences(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const masters = new Map();
  const exceptions = [];
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) masters.get(exception.uid).relateException(exception);
  const out = [];
  const add = (item, start, end) => {
    if (!overlaps(start, end)) return;
    out.push({
      uid: item.uid,
      start: stamp(start),
      end: stamp(end),
      status: item.component.getFirstPropertyValue("status"),
      summary: item.summary,
    });
  };
  for (const master of masters.values()) {
    if (!master.isRecurring()) {
      add(master, master.startDate, master.endDate);
      continue;
    }
    const iterator = master.iterator();
    for (let next = iterator.next(); next && next.compare(iterateUntil) < 0; next = iterator.next()) {
      const details = master.getOccurrenceDetails(next);
      add(details.item, details.startDate, details.endDate);
    }
  }
  out.sort((a, b) => (a.start + a.uid < b.start + b.uid ? -1 : a.start + a.uid > b.start + b.uid ? 1 : 0));
  return out;
}

const result = {};
for (const file of files) {
  result[file] = occurrences(readFileSync(file, "utf8"));
}
process.stdout.write(JSON.stringify(result, null, 1));
