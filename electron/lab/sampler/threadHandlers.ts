import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { internalCall } from '../callContext.js';
import { now } from '../clock.js';
import type { HandlersOf } from '../handlerTypes.js';
import { procfsAvailable } from '../procfs/procfs.js';
import type { ThreadSampler } from './threadSampler.js';

const errors = defineLabTexts('lab.error.threads', {
  noProcfs: 'Threads are read from /proc/<pid>/task, which only Linux has.',
});

export function threadHandlers(threads: ThreadSampler): HandlersOf<'threads'> {
  return {
    'threads.show': async ({ pids }, context = internalCall) => {
      if (!procfsAvailable) throw RpcError.said(ErrorCode.Unsupported, errors.noProcfs());
      return threads.show(context.signal, pids, now());
    },
  };
}
