import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { internalCall } from '../callContext.js';
import { now } from '../clock.js';
import type { HandlersOf } from '../handlerTypes.js';
import { procfsAvailable } from '../procfs/procfs.js';
import type { ThreadSampler } from './threadSampler.js';

export function threadHandlers(threads: ThreadSampler): HandlersOf<'threads'> {
  return {
    'threads.show': async ({ pids }, context = internalCall) => {
      if (!procfsAvailable) throw new RpcError(ErrorCode.Unsupported, 'Threads are read from /proc/<pid>/task, which only Linux has.');
      return threads.show(context.signal, pids, now());
    },
  };
}
