import { constants } from 'node:os';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { LabSignal } from '../../../shared/schemas/process.js';
import { procfsAvailable, readStat } from '../procfs/procfs.js';
import type { LabProcess } from './labProcess.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const errors = defineLabTexts('lab.error.signal', {
  noSuchSignal: '{signal} does not exist on {platform}.',
  exited: '{name} (pid {pid}) has already exited; there is nothing to signal.',
  reused: 'pid {pid} no longer belongs to {name}: its start time changed, so it was not signalled.',
  failed: 'Could not send {signal} to pid {pid}: {reason}',
});

/** A process as the lab knows it: pid and start time together are its identity. */
export interface KnownProcess {
  pid: number;
  /** Start time as the OS reports it (clock ticks after boot on Linux); null where it could not be read. */
  startKey: number | null;
}

/** Whether the pid still belongs to that process; where /proc cannot tell, the lab's own record must do. */
export function stillSame(target: KnownProcess): boolean {
  if (!procfsAvailable) return true;
  return target.startKey !== null && readStat(target.pid)?.startTicks === target.startKey;
}

/** kill(2), where "already gone" is not an error. */
export function trySignal(pidOrGroup: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pidOrGroup, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Signals a lab process on request, only if it is still the process the lab started: alive in our
 * records and, where /proc can tell, with the same start time. A reused pid is never signalled.
 */
export function signalLabProcess(target: LabProcess, signal: LabSignal): void {
  if (constants.signals[signal] === undefined) {
    throw RpcError.said(ErrorCode.Unsupported, errors.noSuchSignal({ signal, platform: process.platform }), { signal });
  }
  if (!target.alive) {
    throw RpcError.said(ErrorCode.Conflict, errors.exited({ name: target.record.name, pid: target.pid }));
  }
  if (!stillSame(target)) {
    throw RpcError.said(ErrorCode.Conflict, errors.reused({ name: target.record.name, pid: target.pid }));
  }
  try {
    process.kill(target.pid, signal);
  } catch (error) {
    throw RpcError.said(ErrorCode.Conflict, errors.failed({ signal, pid: target.pid, reason: (error as Error).message }));
  }
}

/** Whether any process has this pid, ours or not (signal 0 checks without sending). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGKILL for a process the sampler saw, if it is still that process. */
export function killObserved(observation: { pid: number; startKey: number }): void {
  if (stillSame(observation)) trySignal(observation.pid, 'SIGKILL');
}
