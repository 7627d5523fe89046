import type { LabSignal } from '../../shared/schemas/process.js';

export interface SignalChoice {
  signal: LabSignal;
  label: string;
  doc: string;
}

/** The Signal menu: what each signal does to a lab process (a Node child), so the choice is an informed one. */
export const SIGNAL_MENU: readonly SignalChoice[] = [
  { signal: 'SIGSTOP', label: 'STOP', doc: 'Stop it where it is (state T) until CONT; it cannot catch or ignore this one.' },
  { signal: 'SIGCONT', label: 'CONT', doc: 'Resume a stopped process.' },
  { signal: 'SIGINT', label: 'INT', doc: 'Interrupt, as Ctrl+C does: it ends unless it handles the signal.' },
  { signal: 'SIGHUP', label: 'HUP', doc: 'Hang up, as when its terminal closes: it ends unless it handles the signal.' },
  { signal: 'SIGUSR1', label: 'USR1', doc: 'User-defined. Node takes it to start its inspector (a debugger port), and keeps running.' },
];
