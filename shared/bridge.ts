import type { EventBatchType } from './contract.js';
import type { Envelope } from './jsonRpc.js';

/** The only IPC channels the preload opens; everything else is refused on both ends. */
export const IPC_CALL = 'loopscope:call';
export const IPC_EVENTS = 'loopscope:events';

/** What the preload exposes as `window.loopscope`: one call and one event feed, typed by the contract in the renderer. */
export interface LoopscopeBridge {
  call(method: string, params: unknown): Promise<Envelope>;
  /** Returns a function that stops the feed. */
  onEvents(listener: (batch: EventBatchType) => void): () => void;
}
