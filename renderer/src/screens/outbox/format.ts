// Times, money and durations the way the Outbox shows them.

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "14:03" today, "12 Mar, 14:03" otherwise. */
export function shortTime(ms: number | null, now = Date.now()): string {
  if (ms == null) return '—';
  const d = new Date(ms);
  const today = new Date(now);
  return d.toDateString() === today.toDateString() ? time.format(d) : dayTime.format(d);
}

/** "10:42", the person's local time of day. */
export function clockTime(ms: number): string {
  return time.format(new Date(ms));
}

export function fullTime(ms: number | null): string {
  return ms == null ? '' : full.format(new Date(ms));
}

export function formatMoney(value: number | null | undefined): string {
  return value == null ? '—' : money.format(value);
}

export function formatDuration(seconds: number | null): string | null {
  if (seconds == null) return null;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m} min ${s} s`;
}

export function pagesText(n: number): string {
  return `${n} page${n === 1 ? '' : 's'}`;
}
