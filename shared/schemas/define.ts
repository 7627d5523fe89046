import type { z } from 'zod';
import type { StreamName } from './streams.js';

/**
 * The shapes of a subsystem's contract tables. Each subsystem declares its methods and events in
 * `shared/schemas/<subsystem>.ts`; shared/contract.ts and shared/schemas/events.ts merge them.
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** One line: what the method does, as docs/protocol.md shows it. */
  doc: string;
  params: P;
  result: R;
}

/** Keeps the literal types of one method's schemas, so handlers and clients are typed from them. */
export const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> => spec;

export interface EventSpec {
  stream: StreamName;
  /** 'observed': read from the kernel (a /proc reading, an exit status); 'inferred': from the app's own calls. */
  source: 'observed' | 'inferred';
  doc: string;
  data: z.ZodType;
}
