import type { EventHub } from '../hub/eventHub.js';
import type { LabProcesses } from '../processes/labProcesses.js';
import { runEveryStep } from '../runEveryStep.js';
import { SocketTracker } from './kernel/socketTracker.js';
import { SocketHosts } from './socketHosts.js';
import { SocketLab } from './socketLab.js';
import { SocketRows } from './socketRows.js';

/** The socket subsystem as the Lab composes it: the engine, where its sockets live, and the kernel's view of them. */
export class LabSockets {
  readonly lab: SocketLab;
  readonly hosts: SocketHosts;
  readonly tracker: SocketTracker;
  readonly rows: SocketRows;

  /** `ownPorts`: where Loopscope itself serves (browser mode): those sockets are the app's, not the lab's. `idle`: when the tracker's poll may sleep. */
  constructor(hub: EventHub, processes: LabProcesses, ownPorts: () => readonly number[] = () => [], idle: () => boolean = () => false) {
    this.hosts = new SocketHosts(processes, (pid, detail) => this.lab.hostGone(pid, detail));
    this.lab = new SocketLab({
      hub,
      mainHost: () => this.hosts.mainHost(),
      labHost: (pid) => this.hosts.labHost(pid),
      onActivity: () => this.tracker.noteActivity(),
    });
    this.tracker = new SocketTracker({ emit: (type, data, at) => hub.emit(type, data, at), labPids: () => this.lab.hostPids(), ownPorts, idle });
    this.rows = new SocketRows(this.lab, this.tracker);
    this.tracker.start();
  }

  /** Every socket the lab opened is closed (a real close each), then the poll threads end and the tracker stops. */
  async dispose(log: (message: string) => void): Promise<void> {
    await runEveryStep(
      [
        ['sockets', () => this.lab.dispose(this.hosts.all())],
        ['tracker', () => this.tracker.stop()],
      ],
      (name, error) => log(`ending the socket lab: ${name} failed: ${error.message}`),
    );
  }
}
