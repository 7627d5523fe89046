import type { HandlersOf } from '../handlerTypes.js';
import type { HttpLab } from './httpLab.js';

export const httpHandlers = (http: HttpLab): HandlersOf<'http'> => ({
  'http.status': async () => http.status(),
  'http.start': async (params) => http.start(params),
  'http.stop': async () => http.stop(),
  'http.exchanges': async ({ after, limit, log, filter }) => http.exchanges(log, after, limit, filter),
  'http.exchange': async ({ exchangeId, log }) => http.exchange(log, exchangeId),
  'http.send': async (params) => http.send(params),
  'http.sessions': async () => ({ sessions: http.sessions.list() }),
  'http.cookieJar': async () => ({ cookies: http.jar.list() }),
  'http.clearCookieJar': async () => ({ cleared: http.jar.clear() }),
  'http.keylog': async () => http.keylog.export(),
  'http.exportHar': async ({ exportId, part }) => http.har.exportPart(exportId, part),
  'http.importHar': async (params) => http.har.importPart(params),
});
