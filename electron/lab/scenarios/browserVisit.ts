import { lookup } from 'node:dns/promises';
import { z } from 'zod';
import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import type { HttpObservation } from '../http/httpLab.js';
import { defineScenario } from './scenarioDefinition.js';

/** The page and the sub-requests it makes, as /page serves them, each with the name of its step's text. */
const VISIT = { '/page': 'page', '/static/style.css': 'style', '/static/app.js': 'script', '/static/dot.png': 'image', '/api/time': 'fetch' } as const;
type Requested = (typeof VISIT)[keyof typeof VISIT];
const WHAT: Record<Requested, string> = {
  page: 'the page itself (HTML)',
  style: 'the stylesheet the page links',
  script: 'the script the page loads',
  image: 'the image the page shows',
  fetch: 'the fetch the script sends, with X-Requested-With',
};
const REQUESTS = Object.keys(VISIT).length;

const steps = defineLabTexts('lab.step.browserVisit', {
  lookup: "the lab's own lookup of localhost (dns.lookup, not your browser's): {addresses} — the server listens on 127.0.0.1 only",
  open: 'open http://127.0.0.1:{port}/page in your browser (or http://localhost:{port}/page, which resolves as above)',
  accepted: 'connection {connection} accepted: the TCP handshake is done ({detail})',
  closed: 'connection {connection} closed: {detail}',
  allIn: 'all five requests of the visit are in; the browser keeps its connections open until the server’s keep-alive timeout closes them',
});
/** One text per request of the visit, on a new connection or on a kept-alive one. */
const requestSteps = {
  fresh: defineLabTexts('lab.step.browserVisit.fresh', Object.fromEntries(Object.entries(WHAT).map(([id, what]) => [id, `{method} {path} → {status}: ${what} on connection {connection}`])) as Record<Requested, string>),
  reused: defineLabTexts(
    'lab.step.browserVisit.reused',
    Object.fromEntries(Object.entries(WHAT).map(([id, what]) => [id, `{method} {path} → {status}: ${what}, reusing kept-alive connection {connection} (request {index} on it)`])) as Record<Requested, string>,
  ),
};
/** Narration stops after this many lines, so a browser left open does not fill the timeline. */
const MAX_LINES = 200;

export const browserVisitScenario = defineScenario({
  info: {
    id: 'browser-visit',
    title: 'What happens when a browser visits a page',
    topic: 'http',
    observe:
      'Open the page it names in your own browser. Each step of the visit appears as the mini server sees it: every TCP connection accepted, the request for the page, its sub-requests (style, script, image, a fetch), a connection reused for a second request (keep-alive), and each close. It ends once the five requests are in and their connections have closed.',
    explanation:
      'A visit is: resolve the name to an address, open a TCP connection (the three-way handshake), send the HTTP request, receive the response, then fetch what the page names — often on the same kept-alive connection, or a few in parallel. Name resolution is shown as the lab’s own lookup of localhost: your browser resolves by itself and the server never sees it; on one machine it is /etc/hosts, no DNS query leaves. What one machine cannot show: DNS recursion (resolver → root → TLD → authoritative servers), ARP (finding the next hop’s MAC address; loopback has none), and routing beyond loopback (every packet here stays in the kernel’s lo interface).',
    actions: [],
  },
  params: z.object({}).strict(),
  unavailable: () => null,
  async start(context) {
    const http = context.http;
    const startedServer = !http.running;
    const status = startedServer ? await http.start({ port: 0, tlsPort: 0, tls: true, limits: {} }) : http.status();
    const port = status.port as number;
    const addresses = await lookup('localhost', { all: true }).catch((error: Error) => [{ address: `(failed: ${error.message})`, family: 0 }]);
    context.say(steps.lookup({ addresses: addresses.map((entry) => entry.address).join(', ') }));
    context.say(steps.open({ port }));

    let lines = 0;
    const say = (text: LabText): void => {
      if (++lines <= MAX_LINES) context.say(text);
    };
    const seen = new Set<string>();
    const visitConnections = new Set<string>();
    const open = new Set<string>();
    let finish = (): void => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const observer = (event: HttpObservation): void => {
      if (event.kind === 'step') {
        if (event.step === 'accepted') {
          open.add(event.connectionId);
          say(steps.accepted({ connection: event.connectionId, detail: event.detail.replace(/^accepted /, '') }));
        } else if (event.step === 'closed' && open.delete(event.connectionId) && visitConnections.has(event.connectionId)) {
          say(steps.closed({ connection: event.connectionId, detail: event.detail }));
          if (seen.size === REQUESTS && [...visitConnections].every((id) => !open.has(id))) finish();
        }
        return;
      }
      const { summary } = event.exchange;
      const path = summary.target?.split('?')[0] ?? '';
      const requested = Object.hasOwn(VISIT, path) ? VISIT[path as keyof typeof VISIT] : null;
      if (requested === null) return;
      visitConnections.add(summary.connectionId);
      const params = { method: summary.method ?? '—', path, status: summary.status ?? '—', connection: summary.connectionId, index: summary.indexOnConnection + 1 };
      say((summary.indexOnConnection > 0 ? requestSteps.reused : requestSteps.fresh)[requested](params));
      seen.add(path);
      if (seen.size === REQUESTS) say(steps.allIn());
    };
    const stopObserving = http.observe(observer);
    return {
      finished,
      async cleanup() {
        stopObserving();
        if (startedServer) await http.stop();
      },
    };
  },
});
