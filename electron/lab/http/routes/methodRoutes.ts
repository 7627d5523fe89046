import { STATUS_TEXT } from '../server/statusText.js';
import { page, HTML, TEXT } from './html.js';
import { defineRoute } from './routeTypes.js';

/** OPTIONS and TRACE are answered for every resource by the route table. */
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const methodsRoute = defineRoute({
  path: '/methods',
  methods: ALL_METHODS,
  title: 'Every method on one resource',
  explanation:
    'GET reads and HEAD reads the headers only (the same Content-Length, no body); POST creates (201 with Location), PUT replaces, PATCH changes part, DELETE removes (204, no body); OPTIONS answers Allow. GET and HEAD are safe; GET, HEAD, PUT, DELETE and OPTIONS are idempotent.',
  handle(request, response) {
    switch (request.method) {
      case 'POST':
        return response.status(201).header('Location', '/methods/1').send(`created from ${request.body.length} body bytes\n`, TEXT);
      case 'PUT':
        return response.send(`replaced with ${request.body.length} body bytes\n`, TEXT);
      case 'PATCH':
        return response.send(`patched with ${request.body.length} body bytes\n`, TEXT);
      case 'DELETE':
        return response.status(204).send();
      default:
        return response.send(`${request.method} /methods: a resource you can read\n`, TEXT);
    }
  },
});

/** Each status the syllabus names, with what a client does on receiving it. */
const STATUS_LESSONS: Readonly<Record<number, string>> = {
  200: 'OK: here is the resource.',
  201: 'Created: a new resource, named by Location.',
  204: 'No Content: done, and no body follows — not even Content-Length.',
  301: 'Moved Permanently: use Location from now on (browsers cache it; a POST may turn into a GET).',
  302: 'Found: look at Location this time (a POST may turn into a GET).',
  307: 'Temporary Redirect: repeat the same method and body at Location.',
  400: 'Bad Request: the server cannot read what was sent.',
  401: 'Unauthorized: authenticate first; WWW-Authenticate says how (here Basic). A browser asks for a password.',
  403: 'Forbidden: the server knows who you are and still refuses.',
  404: 'Not Found: nothing at this path.',
  405: 'Method Not Allowed: Allow lists the methods this resource answers.',
  413: 'Content Too Large: the body is over the server’s limit (sent for real when a body passes 8 MiB).',
  431: 'Request Header Fields Too Large: the headers are over the server’s limit (sent for real past 16 KiB).',
  500: 'Internal Server Error: the application failed; the client did nothing wrong.',
};

export const statusRoute = defineRoute({
  path: '/status/*',
  methods: ['GET', 'HEAD'],
  title: 'Status codes: /status/200, /status/404, …',
  explanation: `The status line's code, by class: 1xx informational, 2xx success, 3xx redirection, 4xx the client's error, 5xx the server's. Codes here: ${Object.keys(STATUS_LESSONS).join(', ')}; 304 is at /conditional, the real 413 and 431 come from the server's limits.`,
  handle(request, response) {
    const code = Number(request.path.slice('/status/'.length));
    const lesson = STATUS_LESSONS[code];
    if (!lesson) return response.status(404).send(`no lesson for status ${request.path.slice(8)}; try ${Object.keys(STATUS_LESSONS).join(', ')}\n`, TEXT);
    response.status(code);
    if (code >= 300 && code < 400) response.header('Location', '/');
    if (code === 401) response.header('WWW-Authenticate', 'Basic realm="Loopscope mini server", charset="UTF-8"');
    if (code === 405) response.header('Allow', 'GET, HEAD');
    response.send(page(`${code} ${STATUS_TEXT[code] ?? ''}`, `<p>${lesson}</p>`), HTML);
  },
});

export const redirectRoute = defineRoute({
  path: '/redirect/*',
  methods: ['GET', 'HEAD'],
  title: 'A redirect chain: /redirect/3 → 2 → 1 → 0',
  explanation:
    'Each hop is its own exchange: 302 Found, then 301 Moved Permanently, then 307 Temporary Redirect, then 200. The browser follows Location by itself; the log shows every hop, usually on the same kept-alive connection.',
  handle(request, response) {
    const hops = Math.min(Number(request.path.slice('/redirect/'.length)) || 0, 10);
    if (hops <= 0) return response.send(page('Arrived', '<p>The end of the redirect chain.</p>'), HTML);
    const status = hops % 3 === 0 ? 302 : hops % 3 === 2 ? 301 : 307;
    response.status(status).header('Location', `/redirect/${hops - 1}`).send(`${status}: go to /redirect/${hops - 1}\n`, TEXT);
  },
});

/** Fixed for the server's life, so a revalidation finds it unchanged. */
const LAST_MODIFIED = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
const CONDITIONAL_BODY = 'A resource that does not change: revalidate it and the server answers 304.\n';
const ETAG = `"lab-${CONDITIONAL_BODY.length.toString(16)}-1"`;

export const conditionalRoute = defineRoute({
  path: '/conditional',
  methods: ['GET', 'HEAD'],
  title: 'Conditional GET: ETag and Last-Modified → 304',
  explanation:
    'The first answer carries ETag and Last-Modified. Sent back as If-None-Match (or If-Modified-Since), they let the server answer 304 Not Modified with no body: the client uses its cached copy. If-None-Match wins when both are sent (RFC 9110 §13.2.2).',
  handle(request, response) {
    response.header('ETag', ETAG).header('Last-Modified', LAST_MODIFIED.toUTCString()).header('Cache-Control', 'no-cache');
    const ifNoneMatch = request.header('if-none-match');
    const ifModifiedSince = request.header('if-modified-since');
    const matches = ifNoneMatch !== null
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === ETAG || tag.trim() === '*' || tag.trim() === `W/${ETAG}`)
      : ifModifiedSince !== null && Date.parse(ifModifiedSince) >= LAST_MODIFIED.getTime();
    if (matches) return response.status(304).send();
    response.send(CONDITIONAL_BODY, TEXT);
  },
});

export const errorRoute = defineRoute({
  path: '/error',
  methods: ['GET', 'HEAD'],
  title: 'A route that throws: 500',
  explanation: 'The application failed; the server catches it and answers 500 Internal Server Error instead of dropping the connection.',
  handle() {
    throw new Error('this route throws on purpose');
  },
});
