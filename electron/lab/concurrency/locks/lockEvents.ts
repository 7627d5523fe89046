/** What a thread tells the lab process's main thread about a lock, the moment it happens (`at`, the lab's clock). */
export type LockEvent =
  | { type: 'waiting'; lock: string; thread: string; at: number }
  | { type: 'holding'; lock: string; thread: string; at: number }
  | { type: 'released'; lock: string; thread: string; at: number };

export const isLockEvent = (message: unknown): message is LockEvent =>
  typeof message === 'object' && message !== null && ['waiting', 'holding', 'released'].includes((message as { type?: string }).type ?? '');
