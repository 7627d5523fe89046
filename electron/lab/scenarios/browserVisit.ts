import { lookup } from 'node:dns/promises';
import { z } from 'zod';
import type { HttpObservation } from '../http/httpLab.js';
import { defineScenario } from './scenarioDefinition.js';

/** The page and the sub-requests it makes, as /page serves them. */
const VISIT = ['/page', '/static/style.css', '/static/app.js', '/static/dot.png', '/api/time'] as const;
const WHAT: Record<(typeof VISIT)[number], string> = {
  '/page': 'the page itself (HTML)',
  '/static/style.css': 'the stylesheet the page links',
  '/static/app.js': 'the script the page loads',
  '/static/dot.png': 'the image the page shows',
  '/api/time': 'the fetch the script sends, with X-Requested-With',
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
    context.say(`the lab's own lookup of localhost (dns.lookup, not your browser's): ${addresses.map((entry) => entry.address).join(', ')} — the server listens on 127.0.0.1 only`);
    context.say(`open http://127.0.0.1:${port}/page in your browser (or http://localhost:${port}/page, which resolves as above)`);

    let lines = 0;
    const say = (text: string): void => {
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
          say(`connection ${event.connectionId} accepted: the TCP handshake is done (${event.detail.replace(/^accepted /, '')})`);
        } else if (event.step === 'closed' && open.delete(event.connectionId) && visitConnections.has(event.connectionId)) {
          say(`connection ${event.connectionId} closed: ${event.detail}`);
          if (seen.size === VISIT.length && [...visitConnections].every((id) => !open.has(id))) finish();
        }
        return;
      }
      const { summary } = event.exchange;
      const path = summary.target?.split('?')[0] ?? '';
      if (!(VISIT as readonly string[]).includes(path)) return;
      visitConnections.add(summary.connectionId);
      const reuse = summary.indexOnConnection > 0 ? `, reusing kept-alive connection ${summary.connectionId} (request ${summary.indexOnConnection + 1} on it)` : ` on connection ${summary.connectionId}`;
      say(`${summary.method} ${path} → ${summary.status ?? 'no answer'}: ${WHAT[path as (typeof VISIT)[number]]}${reuse}`);
      seen.add(path);
      if (seen.size === VISIT.length) say('all five requests of the visit are in; the browser keeps its connections open until the server’s keep-alive timeout closes them');
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
