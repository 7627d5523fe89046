import { decodeBody, parseMediaType, parseUrlEncoded } from '../../../../shared/http/index.js';
import { escapeHtml, HTML, JSON_TYPE, page } from './html.js';
import { defineRoute, type RouteRequest } from './routeTypes.js';

export const searchRoute = defineRoute({
  path: '/search',
  methods: ['GET', 'HEAD'],
  title: 'GET with a query string: /search?q=sockets&lang=en',
  explanation:
    'A GET carries its parameters in the URL, after `?`: visible in the address bar, the history and every log, bookmarkable, and bounded by URL length. Pairs are `name=value` joined by `&`, percent-encoded, `+` for a space.',
  handle(request, response) {
    response.send(JSON.stringify({ query: request.query }, null, 2), JSON_TYPE);
  },
});

const FORM_PAGE = page(
  'Forms: urlencoded, multipart, JSON',
  `<form method="post" action="/form"><p>urlencoded: <input name="name" value="Ada"> <input name="topic" value="sockets &amp; HTTP"> <button>POST</button></p></form>
<form method="post" action="/form" enctype="multipart/form-data"><p>multipart: <input name="note" value="a file"> <input type="file" name="upload"> <button>POST</button></p></form>
<form method="get" action="/search"><p>the same fields as GET: <input name="q" value="sockets"> <button>GET</button></p></form>`,
);

/** What the server read from a form body, by its Content-Type. */
function readForm(request: RouteRequest): unknown {
  const contentType = request.header('content-type');
  const essence = contentType ? parseMediaType(contentType)?.essence : null;
  if (essence === 'application/x-www-form-urlencoded') return { kind: 'urlencoded', fields: parseUrlEncoded(request.body.toString('latin1')) };
  const decoded = decodeBody(request.body, contentType);
  if (decoded.kind === 'multipart') {
    return {
      kind: 'multipart',
      boundary: decoded.boundary,
      parts: decoded.parts.map((part) => ({
        name: part.name,
        filename: part.filename,
        contentType: part.contentType,
        size: part.size,
        ...(part.filename === null ? { value: Buffer.from(part.body).toString('utf8') } : {}),
      })),
      error: decoded.error,
    };
  }
  return { kind: decoded.kind, contentType };
}

export const formRoute = defineRoute({
  path: '/form',
  methods: ['GET', 'HEAD', 'POST'],
  title: 'POST a form: urlencoded and multipart (a file upload)',
  explanation:
    'A POST carries its fields in the body, not the URL. `application/x-www-form-urlencoded` is the query-string syntax in the body; `multipart/form-data` splits the body into parts at a boundary named in Content-Type, each part with its own headers — the only way a form sends a file.',
  handle(request, response) {
    if (request.method !== 'POST') return response.send(FORM_PAGE, HTML);
    const form = readForm(request);
    if (request.header('accept')?.includes('text/html')) {
      return response.send(page('What the server read', `<pre>${escapeHtml(JSON.stringify(form, null, 2))}</pre>`), HTML);
    }
    response.send(JSON.stringify(form, null, 2), JSON_TYPE);
  },
});

export const jsonRoute = defineRoute({
  path: '/api/echo',
  methods: ['POST', 'PUT', 'PATCH'],
  title: 'POST JSON: /api/echo',
  explanation:
    'An API call sends `Content-Type: application/json` and a JSON body; the server parses it and answers JSON. A body that is not JSON gets 400; a body with another Content-Type gets 415.',
  handle(request, response) {
    const essence = parseMediaType(request.header('content-type') ?? '')?.essence;
    if (essence !== 'application/json') return response.status(415).send(JSON.stringify({ error: 'send Content-Type: application/json' }), JSON_TYPE);
    try {
      const value: unknown = JSON.parse(request.body.toString('utf8'));
      response.send(JSON.stringify({ received: value, bytes: request.body.length }), JSON_TYPE);
    } catch (error) {
      response.status(400).send(JSON.stringify({ error: `not JSON: ${(error as Error).message}` }), JSON_TYPE);
    }
  },
});
