/** Who makes a call, and for how long they are there to hear its answer. */
export interface CallContext {
  /** A lab process calling over its channel; null for a client of the protocol (the UI, a script). */
  pid: number | null;
  /** Aborted when the caller goes away (its socket closes, its process exits): blocked calls stop waiting. */
  signal: AbortSignal;
}

/** For calls made from inside the lab or from tests: nobody goes away. */
export const internalCall: CallContext = { pid: null, signal: new AbortController().signal };
