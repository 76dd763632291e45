/** Text colours a chip can use: whichever contrasts more with the chip's background (ui.md §1.8). */
export const DARK_TEXT = '#0f172a';
export const LIGHT_TEXT = '#f8fafc';

/** `#abc` or `#aabbcc` → [r, g, b] in 0..255; null when unparseable. */
export function parseHexColor(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const hex = value.trim().replace(/^#/, '');
  const full = /^[0-9a-f]{3}$/i.test(hex) ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function relativeLuminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The WCAG-better of dark and light text on the given background; unparseable colours get dark text. */
export function readableTextColor(background: unknown): string {
  const rgb = parseHexColor(background);
  if (!rgb) return DARK_TEXT;
  const bg = relativeLuminance(rgb);
  const dark = relativeLuminance(parseHexColor(DARK_TEXT)!);
  const light = relativeLuminance(parseHexColor(LIGHT_TEXT)!);
  return contrast(bg, dark) >= contrast(bg, light) ? DARK_TEXT : LIGHT_TEXT;
}

/** A background we can safely put in a style attribute: a valid hex colour or the fallback. */
export function safeColor(value: unknown, fallback: string): string {
  return parseHexColor(value) && typeof value === 'string' ? value.trim() : fallback;
}
