import type { EventBatchType } from '../../shared/contract.js';
import type { LoopscopeBridge } from '../../shared/bridge.js';
import type { ConnectionStatus, Transport } from './transport.js';

/** Inside Electron: the preload's bridge. IPC does not drop, so the status is open from the start. */
export function ipcTransport(bridge: LoopscopeBridge): Transport {
  return {
    kind: 'ipc',
    call: (method, params) => bridge.call(method, params),
    onEvents: (listener: (batch: EventBatchType) => void) => void bridge.onEvents(listener),
    onStatus: (listener: (status: ConnectionStatus) => void) => queueMicrotask(() => listener('open')),
  };
}
