/**
 * Case-insensitive "contains" that treats `%`, `_` and `\` in user text literally and behaves the same on
 * SQLite (whose LIKE has no default escape) and PostgreSQL (whose LIKE is case-sensitive).
 */
export function containsClause(column: string, param: string, text: string): [string, Record<string, string>] {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return [`lower(${column}) LIKE :${param} ESCAPE '\\'`, { [param]: `%${escaped}%` }];
}

