import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { LabProcesses } from '../processes/labProcesses.js';
import { koffiPath, libcUnavailable, loadLibc } from './libc.js';
import { NodeSockets } from './nodeSockets.js';
import { RemoteSocketHost } from './remoteSocketHost.js';
import type { SocketHost } from './socketOps.js';
import { SyscallSockets } from './syscallSockets.js';

const errors = defineLabTexts('lab.error.socketHost', {
  noSyscalls: 'A lab process can host sockets only where each step is a system call: {reason}',
  notAHost: "pid {pid} runs '{task}', which hosts no sockets: start a host with processes.spawn({ task: 'socket-host' }) and pass its pid as owner.",
  exited: 'The socket host with pid {pid} has exited; start another.',
});

/** Where lab sockets live: the main process (made on first use), and each socket-host lab process asked for. */
export class SocketHosts {
  private main: SocketHost | null = null;
  private readonly remote = new Map<number, RemoteSocketHost>();

  constructor(
    private readonly processes: LabProcesses,
    /** A host process exited: the kernel closed its sockets with it. */
    private readonly onHostGone: (pid: number, detail: string) => void,
  ) {}

  mainHost(): SocketHost {
    if (this.main) return this.main;
    const libc = loadLibc();
    this.main = libc ? new SyscallSockets(libc, koffiPath()) : new NodeSockets();
    return this.main;
  }

  labHost(pid: number): SocketHost {
    const known = this.remote.get(pid);
    if (known) return known;
    const target = this.processes.find(pid);
    if (!loadLibc()) throw RpcError.said(ErrorCode.Unsupported, errors.noSyscalls({ reason: libcUnavailable().text }), { pid });
    if (target.task.id !== 'socket-host') throw RpcError.said(ErrorCode.Conflict, errors.notAHost({ pid, task: target.task.id }), { pid });
    if (!target.alive) throw RpcError.said(ErrorCode.Conflict, errors.exited({ pid }), { pid });
    const host = new RemoteSocketHost(target);
    this.remote.set(pid, host);
    void target.reaped.then(() => {
      this.remote.delete(pid);
      const exit = target.exit;
      this.onHostGone(pid, `its host process (pid ${pid}) exited${exit ? ` (exitcode ${exit.exitcode})` : ''}, and the kernel closed its descriptors`);
    });
    return host;
  }

  all(): SocketHost[] {
    return [...(this.main ? [this.main] : []), ...this.remote.values()];
  }
}
