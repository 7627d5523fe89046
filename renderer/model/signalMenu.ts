import type { LabSignal } from '../../shared/schemas/process.js';

export interface SignalChoice {
  signal: LabSignal;
  label: string;
  /** What it does, as a catalog key. */
  doc: string;
}

/** The Signal menu: what each signal does to a lab process (a Node child), so the choice is an informed one. */
export const SIGNAL_MENU: readonly SignalChoice[] = [
  { signal: 'SIGSTOP', label: 'STOP', doc: 'processes.signal.doc.STOP' },
  { signal: 'SIGCONT', label: 'CONT', doc: 'processes.signal.doc.CONT' },
  { signal: 'SIGINT', label: 'INT', doc: 'processes.signal.doc.INT' },
  { signal: 'SIGHUP', label: 'HUP', doc: 'processes.signal.doc.HUP' },
  { signal: 'SIGUSR1', label: 'USR1', doc: 'processes.signal.doc.USR1' },
];
