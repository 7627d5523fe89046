import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import { socketSyscallSupport } from '../sockets/libc.js';

const why = defineLabTexts('lab.unavailable.socket', {
  needsLinux: 'This scenario holds TCP states between single system calls, which needs Linux: {detail}',
});

/** Socket scenarios need each step to be its own system call: where that is not so, the states they teach cannot be held. */
export const needsSocketSyscalls = (): LabText | null => {
  const support = socketSyscallSupport();
  return support.available ? null : why.needsLinux({ detail: support.detail });
};
