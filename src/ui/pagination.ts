/** Pagination shared by the IP assets, hosts and (later) range-address and audit pages (ui.md §1.9). */
export const PER_PAGE_CHOICES = [10, 20, 50, 100] as const;
export const DEFAULT_PER_PAGE = 20;

/** Query parameters in the order the page builds its links; repeated keys allowed. */
export type QueryPairs = Array<[string, string]>;

export function parsePerPage(raw: unknown): number {
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return (PER_PAGE_CHOICES as readonly number[]).includes(value) ? value : DEFAULT_PER_PAGE;
}

/** Requested page (1 when missing or junk); clamped to the last page later, once the total is known. */
export function parsePage(raw: unknown): number {
  const text = String(Array.isArray(raw) ? raw[0] : (raw ?? ''));
  if (!/^\d{1,9}$/.test(text)) return 1;
  return Math.max(1, Number(text));
}

export function totalPages(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export function queryString(pairs: QueryPairs): string {
  return new URLSearchParams(pairs).toString();
}

export interface PageModel {
  page: number;
  perPage: number;
  total: number;
  /** The total as printed: exact even beyond 2^53 (an IPv6 range's address count). */
  totalText: string;
  totalPages: number;
  offset: number;
  from: number;
  to: number;
  /** More than one page: the Previous/Next links are shown. */
  hasNav: boolean;
  prevHref: string | null;
  nextHref: string | null;
  perPageOptions: Array<{ value: number; selected: boolean }>;
  /** The active filters, as hidden inputs of the Rows form so changing the page size keeps them. */
  hiddenFields: Array<{ name: string; value: string }>;
  route: string;
}

/**
 * Everything the footer partial needs. `page` must already be clamped (see `clampPage`); `filters` are the
 * active filters in the page's base-query order, without `per-page` and `page`.
 */
export function pageModel(route: string, filters: QueryPairs, page: number, perPage: number, total: number, options: { alwaysNav?: boolean; totalText?: string } = {}): PageModel {
  const pages = totalPages(total, perPage);
  const base: QueryPairs = [['per-page', String(perPage)], ...filters];
  const href = (p: number) => `${route}?${queryString([...base, ['page', String(p)]])}`;
  const offset = (page - 1) * perPage;
  return {
    page,
    perPage,
    total,
    totalText: options.totalText ?? String(total),
    totalPages: pages,
    offset,
    from: total === 0 ? 0 : offset + 1,
    to: Math.min(total, offset + perPage),
    hasNav: options.alwaysNav === true || pages > 1,
    prevHref: page > 1 ? href(page - 1) : null,
    nextHref: page < pages ? href(page + 1) : null,
    perPageOptions: PER_PAGE_CHOICES.map((value) => ({ value, selected: value === perPage })),
    hiddenFields: filters.map(([name, value]) => ({ name, value })),
    route,
  };
}

export function clampPage(page: number, total: number, perPage: number): number {
  return Math.min(page, totalPages(total, perPage));
}
