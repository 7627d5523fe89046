import type { EventBatchType } from '../../shared/contract.js';
import type { Envelope } from '../../shared/jsonRpc.js';

/** 'refused': the lab answers but refuses this page's token (it was restarted with a new one). */
export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'refused';

/** How the renderer reaches the lab: Electron IPC or browser mode's WebSocket, behind one interface. */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  call(method: string, params: unknown): Promise<Envelope>;
  onEvents(listener: (batch: EventBatchType) => void): void;
  /** 'open' is reported again after every reconnect: the caller then subscribes afresh. */
  onStatus(listener: (status: ConnectionStatus) => void): void;
}
