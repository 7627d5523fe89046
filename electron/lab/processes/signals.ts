import { constants } from 'node:os';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { LabSignal } from '../../../shared/schemas/process.js';
import { procfsAvailable, readStat } from '../sampler/procfs.js';
import type { LabProcess } from './labProcess.js';

/**
 * Signals a lab process only if it is still the process the lab started: alive in our records and,
 * where /proc can tell, with the same start time. A pid reused by another program is never signalled.
 */
export function signalLabProcess(target: LabProcess, signal: LabSignal): void {
  if (constants.signals[signal] === undefined) {
    throw new RpcError(ErrorCode.Unsupported, `${signal} does not exist on ${process.platform}.`, { signal });
  }
  if (!target.alive) {
    throw new RpcError(ErrorCode.Conflict, `${target.record.name} (pid ${target.pid}) has already exited; there is nothing to signal.`);
  }
  if (procfsAvailable && target.startKey !== null) {
    const stat = readStat(target.pid);
    if (!stat || stat.startTicks !== target.startKey) {
      throw new RpcError(
        ErrorCode.Conflict,
        `pid ${target.pid} no longer belongs to ${target.record.name}: its start time changed, so it was not signalled.`,
      );
    }
  }
  try {
    process.kill(target.pid, signal);
  } catch (error) {
    throw new RpcError(ErrorCode.Conflict, `Could not send ${signal} to pid ${target.pid}: ${(error as Error).message}`);
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

/** SIGKILL for a process the sampler saw, if it is still that process (same start time). */
export function killObserved(observation: { pid: number; startKey: number }): void {
  if (procfsAvailable && readStat(observation.pid)?.startTicks !== observation.startKey) return;
  try {
    process.kill(observation.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
