import { brotliCompressSync, gzipSync } from 'node:zlib';
import { escapeHtml, HTML, JSON_TYPE, page, TEXT } from './html.js';
import { defineRoute } from './routeTypes.js';

const ARTICLE = { title: 'One resource, two representations', topic: 'content negotiation', updated: '2026-01-01' };

export const negotiateRoute = defineRoute({
  path: '/negotiate',
  methods: ['GET', 'HEAD'],
  title: 'Content negotiation: the same resource as HTML or JSON by Accept',
  explanation:
    'The URL names the resource; the Accept header says which representation the client prefers. A browser sends `Accept: text/html,…` and gets HTML; a script asking for `application/json` gets JSON. `Vary: Accept` tells caches the answer depends on it.',
  handle(request, response) {
    const accept = request.header('accept') ?? '*/*';
    response.header('Vary', 'Accept');
    const wantsJson = /application\/json/.test(accept) && !/text\/html/.test(accept);
    if (wantsJson) return response.send(JSON.stringify(ARTICLE), JSON_TYPE);
    response.send(page(ARTICLE.title, `<p>Topic: ${escapeHtml(ARTICLE.topic)}; updated ${ARTICLE.updated}.</p>`), HTML);
  },
});

/** Made once at load (~1 ms): a compressible text, so the sizes differ visibly. */
const PLAIN = Buffer.from(Array.from({ length: 400 }, (_, i) => `line ${i}: HTTP bodies compress well when they repeat themselves.\n`).join(''));
const GZIPPED = gzipSync(PLAIN);
const BROTLI = brotliCompressSync(PLAIN);

export const compressedRoute = defineRoute({
  path: '/compressed',
  methods: ['GET', 'HEAD'],
  title: 'gzip and br bodies by Accept-Encoding',
  explanation: `The client lists the codings it can undo in Accept-Encoding; the server picks one and names it in Content-Encoding. Here ${PLAIN.length} bytes of text are ${BROTLI.length} as br and ${GZIPPED.length} as gzip. Content-Length counts the compressed bytes.`,
  handle(request, response) {
    const accepted = (request.header('accept-encoding') ?? '').split(',').map((coding) => coding.trim().split(';')[0]?.toLowerCase());
    response.header('Vary', 'Accept-Encoding');
    if (accepted.includes('br')) return response.header('Content-Encoding', 'br').send(BROTLI, TEXT);
    if (accepted.includes('gzip')) return response.header('Content-Encoding', 'gzip').send(GZIPPED, TEXT);
    response.send(PLAIN, TEXT);
  },
});

const CHUNKS = 5;
const CHUNK_PAUSE_MS = 40;

export const chunkedRoute = defineRoute({
  path: '/chunked',
  methods: ['GET', 'HEAD'],
  title: 'A chunked response',
  explanation:
    'When the server does not know the length in advance it sends `Transfer-Encoding: chunked`: each chunk is its size in hex, CRLF, the bytes, CRLF; a chunk of size 0 ends the body. Here five chunks leave 40 ms apart — look at the chunk-size lines in the raw bytes.',
  async handle(_request, response) {
    response.header('Content-Type', TEXT);
    for (let i = 1; i <= CHUNKS; i++) {
      await response.write(`chunk ${i} of ${CHUNKS}, produced at ${new Date().toISOString()}\n`);
      if (i < CHUNKS) await new Promise((resolve) => setTimeout(resolve, CHUNK_PAUSE_MS));
    }
    response.end();
  },
});
