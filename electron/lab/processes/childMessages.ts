import type { CallFailure, SocketOp, Wait } from '../sockets/socketOps.js';

/**
 * Messages between the lab and its Node lab processes, over child_process's IPC channel or a
 * utility process's parentPort. A lab process reaches the lab's queues with calls; a pool worker
 * is handed tasks and reports each one done; a scenario's lab process reports what it measured (checked by the
 * scenario that started it); a socket host is told which system call to make on
 * the sockets it owns, and answers (a call that must wait for the kernel says so first).
 */
export type ToLab =
  | { kind: 'call'; id: number; method: string; params: Record<string, unknown> }
  | { kind: 'taskDone'; taskId: string; ok: boolean; error: string | null }
  | { kind: 'socketWaiting'; id: number }
  | { kind: 'socketResult'; id: number; ok: true; result: unknown }
  | { kind: 'socketResult'; id: number; ok: false; failure: CallFailure }
  | { kind: 'report'; report: unknown };

export type ToChild =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: { code: number; message: string } }
  | { kind: 'runTask'; taskId: string; task: string; args: unknown[]; kwargs: Record<string, unknown> }
  | { kind: 'socketCall'; id: number; op: SocketOp; args: Record<string, unknown>; wait: Wait }
  | { kind: 'socketCancel'; id: number }
  | { kind: 'shutdown' };

/** The lab's end of one child's channel. */
export interface ChildChannel {
  send(message: ToChild): void;
  onMessage(listener: (message: ToLab) => void): void;
}
