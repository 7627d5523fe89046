import { z } from 'zod';
import { type LabText, LabTextFields } from '../labTexts.js';
import { NoParams, Pid, Timestamp } from './common.js';
import { method, type MethodSpec } from './define.js';

export const Capability = z.object({
  available: z.boolean(),
  /** How the capability is provided when available; what is missing and how to get it when not. */
  detail: z.string(),
  /** The detail's lab text key and parameters, so the page can say it in its language. */
  ...LabTextFields,
}).meta({ id: 'Capability' });
export type Capability = z.infer<typeof Capability>;

/** A capability whose detail is a declared lab text. */
export const capabilityOf = (available: boolean, said: LabText): Capability => ({
  available,
  detail: said.text,
  key: said.key,
  ...(said.params === undefined ? {} : { params: said.params }),
});

export const SystemInfo = z.object({
  app: z.object({ name: z.string(), version: z.string() }),
  runtime: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    v8: z.string(),
  }),
  platform: z.object({ os: z.string(), release: z.string(), arch: z.string(), cpus: z.number().int() }),
  mainPid: Pid,
  /** 'electron' inside the desktop app, 'browser' when served by `npm run web`, 'embedded' in tests and scripts. */
  host: z.enum(['electron', 'browser', 'embedded']),
  startedAt: Timestamp,
  limits: z.object({
    maxLiveProcesses: z.number().int().positive(),
    maxOpenSockets: z.number().int().positive(),
    /** Bytes of JSON every queue together may hold (items in, and those of blocked puts); a put past it raises Full. */
    queueBudgetBytes: z.number().int().positive(),
    /** Characters of output kept for every lab process's record together; past it the biggest buffers lose their oldest lines. */
    outputBudgetChars: z.number().int().positive(),
    /** Finished pools (joined, terminated, or closed with every worker gone) kept listed; older ones are forgotten. */
    keptPools: z.number().int().nonnegative(),
    /** Calls one client may have unanswered at once; more get a LimitReached error. */
    maxCallsInFlight: z.number().int().positive(),
    /** Where each budget stands now, and what it has refused or dropped since the start. */
    usage: z.object({
      queueBytes: z.number().int().nonnegative(),
      refusedQueuePuts: z.number().int().nonnegative(),
      outputChars: z.number().int().nonnegative(),
      droppedOutputLines: z.number().int().nonnegative(),
      forgottenPools: z.number().int().nonnegative(),
    }),
  }),
  /** Where process readings come from ('procfs' on Linux, 'pidusage' elsewhere) and how often. */
  sampler: z.object({ source: z.string(), intervalMs: z.number().positive() }),
  /** Whether Loopscope is the child subreaper now, so orphans of its processes are re-parented to it. */
  subreaper: z.boolean(),
  capabilities: z.object({
    procfs: Capability,
    packetCapture: Capability,
    childSubreaper: Capability,
    /** One system call per socket step (Linux's libc through koffi); elsewhere some steps are fused. */
    socketSyscalls: Capability,
  }),
}).meta({ id: 'SystemInfo' });
export type SystemInfo = z.infer<typeof SystemInfo>;

export const systemMethods = {
  'system.info': method({
    doc: "Versions, the main process's pid, limits, and which capabilities this machine has (and why not).",
    params: NoParams,
    result: SystemInfo,
  }),
  'system.setSubreaper': method({
    doc: 'Make Loopscope the child subreaper (Linux, PR_SET_CHILD_SUBREAPER), or stop: orphans then stay in its tree and it reaps them.',
    params: z.object({ enabled: z.boolean() }).strict(),
    result: z.object({ subreaper: z.boolean() }),
  }),
} as const satisfies Record<string, MethodSpec>;
