import { TEXT } from './html.js';
import { methodsRoute, statusRoute, redirectRoute, conditionalRoute, errorRoute } from './methodRoutes.js';
import { searchRoute, formRoute, jsonRoute } from './formRoutes.js';
import { negotiateRoute, compressedRoute, chunkedRoute } from './representationRoutes.js';
import { cookiesRoute, loginRoute, accountRoute, logoutRoute } from './sessionRoutes.js';
import { indexRoute, visitPageRoute, staticRoute, timeRoute } from './pageRoutes.js';
import type { Route, RouteContext, RouteRequest, RouteResponse } from './routeTypes.js';

/** Every route, in the order the index lists them. */
export const routes: readonly Route[] = [
  indexRoute,
  methodsRoute,
  statusRoute,
  conditionalRoute,
  redirectRoute,
  searchRoute,
  formRoute,
  jsonRoute,
  negotiateRoute,
  compressedRoute,
  chunkedRoute,
  cookiesRoute,
  loginRoute,
  accountRoute,
  logoutRoute,
  visitPageRoute,
  staticRoute,
  timeRoute,
  errorRoute,
];

const TRACE_LESSON = 'TRACE asks the server to echo the request exactly as it arrived (`message/http`), so a client sees what proxies on the way changed. Browsers refuse to send it; many servers disable it.';
const CONNECT_LESSON = 'CONNECT asks a proxy to open a tunnel to another host. This is an origin server, not a proxy: it refuses with 405 and closes, since what would follow is not HTTP.';
const OPTIONS_LESSON = 'OPTIONS asks which methods a resource answers: 204 with Allow.';

const find = (path: string): Route | undefined =>
  routes.find((route) => (route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path));

const allowOf = (route: Route): string => [...new Set([...route.methods, 'OPTIONS', 'TRACE'])].join(', ');

/**
 * The application the server calls: the route for the path, or the answers every resource shares — TRACE echoes,
 * OPTIONS lists Allow, CONNECT is refused as a non-proxy refuses it, an unknown method is 405, an unknown path 404.
 */
export async function dispatchRoute(request: RouteRequest, response: RouteResponse, context: RouteContext): Promise<{ route: string | null; explanation: string | null }> {
  const route = find(request.path);
  if (request.method === 'CONNECT') {
    response.status(405).header('Allow', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE').header('Connection', 'close').send('405: this server is not a proxy; CONNECT is refused\n', TEXT);
    return { route: 'CONNECT', explanation: CONNECT_LESSON };
  }
  if (request.method === 'TRACE') {
    response.send(request.raw, 'message/http');
    return { route: 'TRACE', explanation: TRACE_LESSON };
  }
  if (!route) {
    response.status(404).send(`404: nothing at ${request.path}; the index at / lists the routes\n`, TEXT);
    return { route: null, explanation: 'Not Found: no route answers this path.' };
  }
  if (request.method === 'OPTIONS' && !route.methods.includes('OPTIONS')) {
    response.status(204).header('Allow', allowOf(route)).send();
    return { route: route.path, explanation: OPTIONS_LESSON };
  }
  if (!route.methods.includes(request.method)) {
    response.status(405).header('Allow', allowOf(route)).send(`405: ${route.path} answers ${allowOf(route)}\n`, TEXT);
    return { route: route.path, explanation: 'Method Not Allowed: the Allow header lists what this resource answers.' };
  }
  await route.handle(request, response, context);
  return { route: route.path, explanation: route.explanation };
}
