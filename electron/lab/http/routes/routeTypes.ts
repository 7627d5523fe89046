import type { CookiePair, HeaderField } from '../../../../shared/http/index.js';
import type { SessionStore } from '../sessionStore.js';

/** A parsed request as a route sees it: the decoder's fields, the whole body (up to the server's limit), its cookies. */
export interface RouteRequest {
  exchangeId: string;
  scheme: 'http' | 'https';
  method: string;
  /** The target as sent, and its parts. */
  target: string;
  path: string;
  query: Array<[string, string]>;
  headers: readonly HeaderField[];
  /** The first value of a header, by case-insensitive name; null when absent. */
  header(name: string): string | null;
  cookies: CookiePair[];
  body: Buffer;
  /** The request's bytes as received (secrets masked), for TRACE. */
  raw: Buffer;
  /** `http://127.0.0.1:PORT` of this listener. */
  origin: string;
}

/** What a route answers with; the server adds Date, Content-Length or chunked framing, and Connection. */
export interface RouteResponse {
  status(code: number, text?: string): RouteResponse;
  header(name: string, value: string): RouteResponse;
  /** The whole body at once, with its Content-Type (nothing for an empty body). */
  send(body?: string | Uint8Array, contentType?: string): void;
  /** Chunked transfer coding: the headers go now, then each write as one chunk, then end(). */
  write(chunk: string | Uint8Array): Promise<void>;
  end(): void;
}

export interface RouteContext {
  sessions: SessionStore;
  /** The routes, for the index page and OPTIONS. */
  routes(): readonly Route[];
}

export interface Route {
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  /** The methods it answers; any other gets 405 with Allow. */
  methods: readonly string[];
  title: string;
  /** The lesson: what this route shows and what to look at in the bytes. */
  explanation: string;
  handle(request: RouteRequest, response: RouteResponse, context: RouteContext): void | Promise<void>;
}

export const defineRoute = (route: Route): Route => route;
