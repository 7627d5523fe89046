import type { z } from 'zod';
import { defineLabTexts, type LabText } from './labTexts.js';

/** JSON-RPC 2.0's reserved codes, then the lab's own (-32000 to -32099 are for the server). */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  NotFound: -32001,
  NotPermitted: -32002,
  LimitReached: -32003,
  Conflict: -32004,
  Unsupported: -32005,
  /** queue.Empty: nothing to get without blocking, or none came before the timeout. */
  QueueEmpty: -32010,
  /** queue.Full: no room to put without blocking, or none came before the timeout. */
  QueueFull: -32011,
  /** The kernel refused a socket call: data.errno names it (EADDRINUSE, EAGAIN, ECONNREFUSED, …); or socket.timeout. */
  SocketError: -32020,
} as const;

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * The one error type on both sides of every transport: the lab throws it, transports carry its
 * object form unchanged, and the client throws it again — so the renderer sees identical errors
 * over Electron IPC and over the WebSocket.
 */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toObject(): RpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  /** An error said in a declared lab text: its key and parameters go in `data` beside the rest, so a client can show it in its language. */
  static said(code: number, text: LabText, data: Record<string, unknown> = {}): RpcError {
    return new RpcError(code, text.text, { ...data, key: text.key, ...(text.params === undefined ? {} : { params: text.params }) });
  }

  static from(object: RpcErrorObject): RpcError {
    return new RpcError(object.code, object.message, object.data);
  }
}

/** One line per problem, each naming the path: `kwargs.seconds: Too small: expected number to be >=0`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string {
  return issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

const errors = defineLabTexts('lab.error.params', {
  /** The issues are zod's words, English for every reader; the sentence around them is the lab's. */
  invalid: 'Invalid params: {issues}',
});

export function invalidParams(issues: readonly z.core.$ZodIssue[], prefix = ''): RpcError {
  return RpcError.said(ErrorCode.InvalidParams, errors.invalid({ issues: describeIssues(issues, prefix) }), {
    issues: issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean), message: issue.message })),
  });
}
