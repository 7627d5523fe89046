import type { EventBatchType } from './contract.js';
import type { Envelope } from './jsonRpc.js';

/** The only IPC channels the preload opens; everything else is refused on both ends. */
export const IPC_CALL = 'loopscope:call';
export const IPC_EVENTS = 'loopscope:events';
/** Main → page: a command picked from the application menu. */
export const IPC_MENU = 'loopscope:menu';

/** What the application menu can ask of the page. */
export type MenuCommand = 'welcome';

/** What the preload exposes as `window.loopscope`: one call and one event feed, typed by the contract in the renderer. */
export interface LoopscopeBridge {
  call(method: string, params: unknown): Promise<Envelope>;
  /** Returns a function that stops the feed. */
  onEvents(listener: (batch: EventBatchType) => void): () => void;
  /** The application menu's commands for the page; returns a function that stops listening. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}
