import type { BrowserContext, Page } from 'playwright-core';

/**
 * Step discipline for the browser specs, so they hold on a loaded CI machine (2 cores running the app, PostgreSQL,
 * Chromium and the rest of the suite):
 *
 * - A click that submits a form returns once the NEXT document has committed, not once it has loaded. Until it
 *   has, its deferred scripts (drawer.js, crud-drawers.js, …) are not bound and its stylesheet may be missing:
 *   a drawer trigger clicked then does nothing, and an unstyled, un-scripted drawer accepts typing that never
 *   enables its submit button. `submitAndLand` therefore waits for the form's answer AND for the page it lands on
 *   to finish loading before the next step.
 * - A toast lives 4 s (static/toast.js). Polling for a visible toast races that timer whenever the test process
 *   or the browser is starved for a few seconds. Every document instead keeps a record of the toasts it showed
 *   (`recordToasts`), and `expectToast` reads that record of the current document: deterministic, and a toast
 *   of the previous page can never satisfy it.
 */

export type ToastType = 'success' | 'info' | 'error' | 'warning';
export interface ShownToast {
  type: string;
  message: string;
  /** Rendered visible (styled, in the layout) at some point after the page's stylesheets applied. */
  visible: boolean;
}

type ToastWindow = Window & { __ipocketToasts?: () => ShownToast[] };

/** Runs in every document of the context, before the page's own scripts. */
function toastRecorder(): void {
  const toasts: Element[] = [];
  const visible = new WeakSet<Element>();
  let styled = false;
  const check = (el: Element) => {
    if (styled && el.isConnected && el.checkVisibility()) visible.add(el);
  };
  const collect = (node: Node) => {
    if (!(node instanceof Element)) return;
    const found = node.matches('.toast') ? [node] : Array.from(node.querySelectorAll('.toast'));
    for (const el of found) {
      if (toasts.includes(el)) continue;
      toasts.push(el);
      check(el);
    }
  };
  new MutationObserver((mutations) => mutations.forEach((m) => m.addedNodes.forEach(collect))).observe(document, { childList: true, subtree: true });
  // Deferred scripts run after the stylesheets have loaded and before DOMContentLoaded, so the toasts are styled
  // by then, and toast.js has only just started their 4 s timer.
  document.addEventListener('DOMContentLoaded', () => {
    styled = true;
    toasts.forEach(check);
  });
  (window as ToastWindow).__ipocketToasts = () => {
    toasts.forEach(check);
    return toasts.map((el) => ({
      type: ['success', 'info', 'error', 'warning'].find((kind) => el.classList.contains(`toast-${kind}`)) ?? '',
      // Read now, not on insertion: the parser may report the toast before its text.
      message: (el.querySelector('.toast-message')?.textContent ?? '').trim(),
      visible: visible.has(el),
    }));
  };
}

/** Call once per context, before its first page opens. */
export async function recordToasts(context: BrowserContext): Promise<void> {
  await context.addInitScript(toastRecorder);
}

/** The toasts the current document has shown so far, oldest first (including ones already dismissed). */
export async function shownToasts(page: Page): Promise<ShownToast[]> {
  return page.evaluate(() => (window as ToastWindow).__ipocketToasts?.() ?? []);
}

/**
 * Waits until the current document has shown a visible toast of this type and text. Call it after the step's
 * navigation has landed (`submitAndLand`, `goto`, `waitForURL`); the toast of a script (a fetch that finished, a
 * click) may come later and is waited for.
 */
export async function expectToast(page: Page, type: ToastType, message: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([kind, text]) => ((window as ToastWindow).__ipocketToasts?.() ?? []).some((t) => t.type === kind && t.message === text && t.visible),
      [type, message] as const,
      { polling: 100 },
    );
  } catch (err) {
    const shown = await shownToasts(page).catch(() => []);
    throw new Error(`no ${type} toast "${message}" on ${page.url()}; this page showed ${JSON.stringify(shown)} (${(err as Error).message.split('\n')[0]})`);
  }
}

/**
 * Clicks a button that submits a form as a full navigation (a POST answered by a redirect or a page), then waits
 * for that answer and for the page it lands on to load, so the next step acts on a page whose scripts are bound.
 * Returns the status of the POST's answer (303 for a save that redirected).
 */
export async function submitAndLand(page: Page, selector: string): Promise<number> {
  const main = page.mainFrame();
  const answered = page.waitForResponse((r) => r.frame() === main && r.request().isNavigationRequest() && r.request().method() === 'POST');
  // The POST (and its redirect) is one navigation; `framenavigated` fires once its final document commits.
  const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === main });
  await page.click(selector);
  const status = (await answered).status();
  await committed;
  await page.waitForLoadState('load');
  return status;
}

/** `submitAndLand` for a save: its answer must be a redirect, and the landing page must show the success toast. */
export async function saveAndExpectToast(page: Page, selector: string, message: string): Promise<void> {
  const status = await submitAndLand(page, selector);
  if (status !== 303) throw new Error(`saving through ${selector} was answered ${status}, not 303 (${page.url()})`);
  await expectToast(page, 'success', message);
}
