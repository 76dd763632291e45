import request from 'supertest';
import { Role } from '../../src/common/actor';
import { TEST_PASSWORD, TestApp } from './test-app';

/** A browser-like session for the server-rendered UI: a cookie jar, the CSRF token of the last page, and a user. */
export class UiSession {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly t: TestApp) {}

  /** Creates a user with this role and logs in through the login form. */
  static async login(t: TestApp, role: Role, username = `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`): Promise<UiSession> {
    await t.users.create(null, { username, password: TEST_PASSWORD, role, is_active: true });
    const session = new UiSession(t);
    await session.get('/ui/login');
    const res = await session.post('/ui/login', { username, password: TEST_PASSWORD, return_to: '/ui/management' });
    if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
    return session;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: request.Response): void {
    const setCookies = ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const match = /name="csrf-token" content="([^"]+)"|name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (match) this.csrf = match[1] ?? match[2];
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<request.Response> {
    const res = await this.t.http.get(path).set({ Cookie: this.cookieHeader, Accept: 'text/html', ...headers });
    this.remember(res);
    return res;
  }

  /** A form post; `_csrf` is added unless the body already sets it (use `_csrf: ''` to leave it out). */
  async post(path: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<request.Response> {
    const form = new URLSearchParams();
    const withToken = '_csrf' in body ? body : { ...body, _csrf: this.csrf };
    for (const [key, value] of Object.entries(withToken)) {
      if (value === undefined || (key === '_csrf' && value === '')) continue;
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
    }
    const res = await this.t.http
      .post(path)
      .set({ Cookie: this.cookieHeader, Accept: 'text/html', ...headers })
      .type('form')
      .send(form.toString());
    this.remember(res);
    return res;
  }
}

/** The text of the toasts rendered on a page. */
export function toastsOf(html: string): string[] {
  return [...html.matchAll(/<span class="toast-message">([^<]*)<\/span>/g)].map((m) => decodeEntities(m[1]));
}

export function decodeEntities(text: string): string {
  return text.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');
}
