import { escapeHtml, HTML, JSON_TYPE, page } from './html.js';
import { defineRoute } from './routeTypes.js';

export const indexRoute = defineRoute({
  path: '/',
  methods: ['GET', 'HEAD'],
  title: 'Loopscope mini server',
  explanation: 'The index lists every route with what it shows. Every request you make here appears in Loopscope’s HTTP view, decoded from the bytes.',
  handle(_request, response, { routes }) {
    const rows = routes()
      .map((route) => {
        const href = route.path.endsWith('*') ? route.path.replace('*', route.path.startsWith('/status') ? '404' : '3') : route.path;
        const link = route.methods.includes('GET') ? `<a href="${escapeHtml(href)}">${escapeHtml(route.path)}</a>` : escapeHtml(route.path);
        return `<tr><td>${link}</td><td>${escapeHtml(route.methods.join(', '))}</td><td><b>${escapeHtml(route.title)}</b><br>${escapeHtml(route.explanation)}</td></tr>`;
      })
      .join('\n');
    response.send(page('Loopscope mini server', `<table border="1" cellpadding="4"><tr><th>path</th><th>methods</th><th>what it shows</th></tr>\n${rows}</table>`), HTML);
  },
});

const STYLE = 'body { font-family: sans-serif; max-width: 48em; margin: 2em auto; }\n#time { color: #2a6; }\n';
const SCRIPT = `const out = document.getElementById('time');
fetch('/api/time', { headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' } })
  .then((response) => response.json())
  .then((data) => { out.textContent = 'fetch answered: ' + data.time; });
`;
/** A 1×1 PNG: the page's image sub-request. */
const DOT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgqGf4DwAEAgH/jqXT4QAAAABJRU5ErkJggg==', 'base64');
const STATIC: Readonly<Record<string, { body: string | Buffer; type: string }>> = {
  '/static/style.css': { body: STYLE, type: 'text/css; charset=utf-8' },
  '/static/app.js': { body: SCRIPT, type: 'text/javascript; charset=utf-8' },
  '/static/dot.png': { body: DOT_PNG, type: 'image/png' },
};

export const visitPageRoute = defineRoute({
  path: '/page',
  methods: ['GET', 'HEAD'],
  title: 'A page with sub-requests: style, script, image, fetch',
  explanation:
    'One page is many requests: the HTML first, then the stylesheet, the script and the image it names, then the fetch the script sends with `X-Requested-With: XMLHttpRequest` (the old marker of a script’s request, which servers still read). A browser reuses its kept-alive connections for them or opens a few in parallel.',
  handle(_request, response) {
    response.send(
      page('A page and its sub-requests', '<p><img src="/static/dot.png" width="16" height="16" alt="a dot"> This page loaded a stylesheet, a script and this image.</p><p id="time">waiting for the fetch…</p>', '<link rel="stylesheet" href="/static/style.css"><script src="/static/app.js" defer></script>'),
      HTML,
    );
  },
});

export const staticRoute = defineRoute({
  path: '/static/*',
  methods: ['GET', 'HEAD'],
  title: 'The page’s style, script and image',
  explanation: 'Sub-resources of /page, each with its Content-Type: text/css, text/javascript, image/png. Cache-Control lets the browser keep them a minute.',
  handle(request, response) {
    const file = STATIC[request.path];
    if (!file) return response.status(404).send('no such file\n', 'text/plain; charset=utf-8');
    response.header('Cache-Control', 'max-age=60').send(file.body, file.type);
  },
});

export const timeRoute = defineRoute({
  path: '/api/time',
  methods: ['GET', 'HEAD'],
  title: 'The fetch /page’s script sends (X-Requested-With)',
  explanation: 'A script’s request: the page’s JavaScript calls fetch with `X-Requested-With: XMLHttpRequest`; the server answers JSON and says whether it saw the header.',
  handle(request, response) {
    response.send(JSON.stringify({ time: new Date().toISOString(), requestedWith: request.header('x-requested-with') }), JSON_TYPE);
  },
});
