/**
 * What the suite tried, per category: inputs sent and 5xx answers seen. Each spec prints its table once in
 * afterAll; the figures go into docs/security.md.
 */
export class Tally {
  private readonly rows = new Map<string, { tried: number; accepted: number; refused: number; serverErrors: number }>();

  constructor(private readonly title: string) {}

  record(category: string, status: number): void {
    const row = this.rows.get(category) ?? { tried: 0, accepted: 0, refused: 0, serverErrors: 0 };
    row.tried++;
    if (status >= 500) row.serverErrors++;
    else if (status >= 400) row.refused++;
    else row.accepted++;
    this.rows.set(category, row);
  }

  get total(): number {
    return [...this.rows.values()].reduce((sum, row) => sum + row.tried, 0);
  }

  table(): string {
    const head = ['category', 'inputs tried', '4xx', '2xx/3xx', '5xx'];
    const body = [...this.rows].sort(([a], [b]) => a.localeCompare(b)).map(([category, r]) => [category, r.tried, r.refused, r.accepted, r.serverErrors].map(String));
    const totals = ['total', ...[0, 1, 2, 3].map((i) => String(body.reduce((sum, row) => sum + Number(row[i + 1]), 0)))];
    const all = [head, ...body, totals];
    const widths = head.map((_, i) => Math.max(...all.map((row) => row[i].length)));
    const line = (row: string[]) => '| ' + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ') + ' |';
    return [`hostile input: ${this.title}`, line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line), line(totals)].join('\n');
  }

  print(): void {
    // One line block per spec file, so the CI log carries the figures.
    console.log(this.table());
  }
}
