import { parseUrlEncoded } from '../../../../shared/http/index.js';
import { escapeHtml, HTML, JSON_TYPE, page } from './html.js';
import { defineRoute, type RouteRequest } from './routeTypes.js';

/** The session cookie's name: an id only; what it stands for stays on the server. */
export const SESSION_COOKIE = 'sid';

const cookieOf = (request: RouteRequest, name: string): string | null => request.cookies.find((cookie) => cookie.name === name)?.value ?? null;

export const cookiesRoute = defineRoute({
  path: '/cookies',
  methods: ['GET', 'HEAD'],
  title: 'Cookies and their attributes',
  explanation:
    'Set-Cookie stores a name=value in the browser, which sends it back in Cookie on later requests that match. Path limits the paths; Max-Age (seconds) or Expires (a date) make it outlive the browser session, without either it is a session cookie; HttpOnly hides it from scripts; SameSite (Strict, Lax, None) decides whether cross-site requests carry it; Secure sends it over HTTPS only — but browsers count http://127.0.0.1 and localhost as secure contexts, so here a Secure cookie is accepted over plain http too. Domain means nothing on an IP host: 127.0.0.1 can only set host-only cookies, and a cookie for 127.0.0.1 goes to every port of it.',
  handle(request, response) {
    const expires = new Date(Date.now() + 24 * 3600 * 1000).toUTCString();
    response
      .header('Set-Cookie', 'theme=dark; Path=/; Max-Age=3600; SameSite=Lax')
      .header('Set-Cookie', `visited=yes; Path=/cookies; Expires=${expires}; HttpOnly`)
      .header('Set-Cookie', 'strict_demo=1; Path=/; SameSite=Strict')
      .header('Set-Cookie', 'secure_demo=1; Path=/; Secure; SameSite=None')
      .header('Set-Cookie', 'domain_demo=1; Path=/; Domain=127.0.0.1');
    const received = request.cookies.map((cookie) => `<li><code>${escapeHtml(cookie.name)}=${escapeHtml(cookie.value)}</code></li>`).join('');
    response.send(page('Cookies', `<p>Cookies this request carried:</p><ul>${received || '<li>none yet — reload the page</li>'}</ul>`), HTML);
  },
});

const LOGIN_PAGE = page(
  'Log in',
  `<form method="post" action="/login"><p><label>user <input name="user" value="ada"></label> <label>password <input name="password" type="password" value="loopscope"></label> <button>Log in</button></p></form>
<p>Any user name works with the password <code>loopscope</code>.</p>`,
);

export const loginRoute = defineRoute({
  path: '/login',
  methods: ['GET', 'HEAD', 'POST'],
  title: 'Log in: a form → a session id in a cookie',
  explanation:
    'The login form is POSTed; the server checks it, creates a session on its side (the user, a visit count) and sends back only a random id: `Set-Cookie: sid=…; HttpOnly; SameSite=Lax; Path=/`. A cookie keeps data in the browser; a session keeps it on the server, the cookie only names it. The session expires after a while without a request (two minutes unless the lab was started with another sessionTtlMs).',
  handle(request, response, { sessions }) {
    if (request.method !== 'POST') return response.send(LOGIN_PAGE, HTML);
    const fields = new Map(parseUrlEncoded(request.body.toString('latin1')));
    const user = fields.get('user')?.trim() ?? '';
    if (user === '' || fields.get('password') !== 'loopscope') {
      return response.status(403).send(page('Not logged in', '<p>Wrong user or password (the password is <code>loopscope</code>).</p>'), HTML);
    }
    const session = sessions.create(user.slice(0, 64));
    response
      .status(302)
      .header('Set-Cookie', `${SESSION_COOKIE}=${session.sessionId}; Path=/; HttpOnly; SameSite=Lax`)
      .header('Location', '/account')
      .send(`logged in as ${session.user}; go to /account\n`, 'text/plain; charset=utf-8');
  },
});

export const accountRoute = defineRoute({
  path: '/account',
  methods: ['GET', 'HEAD'],
  title: 'The session’s data, found by the cookie’s id',
  explanation:
    'The browser sends back only `Cookie: sid=…`; the server looks the id up and finds the user and the visit count it keeps. Without a valid id (never logged in, logged out, or expired) the server knows nothing and answers 403.',
  handle(request, response, { sessions }) {
    const session = sessions.touch(cookieOf(request, SESSION_COOKIE));
    if (!session) return response.status(403).send(page('No session', '<p>No valid session id in the Cookie header: <a href="/login">log in</a>.</p>'), HTML);
    sessions.set(session, 'visits', Number(session.data.visits ?? 0) + 1);
    const view = { user: session.user, data: session.data, expiresAt: new Date(session.expiresAt).toISOString() };
    if (request.header('accept')?.includes('application/json')) return response.send(JSON.stringify(view), JSON_TYPE);
    response.send(
      page(`Hello, ${session.user}`, `<pre>${escapeHtml(JSON.stringify(view, null, 2))}</pre><form method="post" action="/logout"><button>Log out</button></form>`),
      HTML,
    );
  },
});

export const logoutRoute = defineRoute({
  path: '/logout',
  methods: ['POST'],
  title: 'Log out: the session ends on the server',
  explanation: 'The server deletes the session and tells the browser to drop the cookie with `Max-Age=0`; the old id is worthless even if someone kept it.',
  handle(request, response, { sessions }) {
    const session = sessions.touch(cookieOf(request, SESSION_COOKIE));
    if (session) sessions.destroy(session);
    response.status(302).header('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`).header('Location', '/login').send('logged out\n', 'text/plain; charset=utf-8');
  },
});
