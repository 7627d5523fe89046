import type { LoopscopeBridge } from '../../shared/bridge.js';
import { type Api, createApi } from './client.js';
import { ipcTransport } from './ipcTransport.js';
import { takePageToken } from './pageToken.js';
import { wsTransport } from './wsTransport.js';

/**
 * Electron's preload bridge when present, otherwise browser mode's WebSocket on this page's own
 * origin. Apart from client.ts because it needs the DOM, and the client is tested in Node.
 */
export function connectApi(): Api {
  const bridge = (window as { loopscope?: LoopscopeBridge }).loopscope;
  if (bridge) return createApi(ipcTransport(bridge));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = encodeURIComponent(takePageToken() ?? '');
  // The page's own link with the token in its query: the server answers a good token with a redirect, any other with 403.
  const isRefused = async (): Promise<boolean> => (await fetch(`/?token=${token}`, { redirect: 'manual', cache: 'no-store' })).status === 403;
  return createApi(wsTransport(`${scheme}://${location.host}/rpc?token=${token}`, isRefused));
}
