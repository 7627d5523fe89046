import { socketSyscallSupport } from '../sockets/libc.js';

/** Socket scenarios need each step to be its own system call: where that is not so, the states they teach cannot be held. */
export const needsSocketSyscalls = (): string | null => {
  const support = socketSyscallSupport();
  return support.available ? null : `This scenario holds TCP states between single system calls, which needs Linux: ${support.detail}`;
};
