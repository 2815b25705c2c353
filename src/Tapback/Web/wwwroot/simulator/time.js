// Dates the way Messages writes them: "Today 9:41 AM", "Yesterday 8:02 PM", "Tuesday 7:15 AM",
// "Jan 4, 2025 at 7:15 AM".

const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "long" });
const date = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", year: "numeric" });

export function formatTime(at) {
  return time.format(at);
}

function startOfDay(at) {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** HTML for a timestamp row: the day in bold, then the time. */
export function formatStamp(at, now = new Date()) {
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  let day;
  if (days === 0) {
    day = "Today";
  } else if (days === 1) {
    day = "Yesterday";
  } else if (days > 1 && days < 7) {
    day = weekday.format(at);
  } else {
    return `<strong>${escape(date.format(at))}</strong> at ${escape(time.format(at))}`;
  }
  return `<strong>${day}</strong> ${escape(time.format(at))}`;
}
