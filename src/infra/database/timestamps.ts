/** Timestamps are stored as UTC text `YYYY-MM-DD HH:MM:SS`, the original's format, on both databases. */
export function nowText(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function parseTimestamp(text: string): Date {
  return new Date(text.replace(' ', 'T') + 'Z');
}
