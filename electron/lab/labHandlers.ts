import type { ProcessRow } from '../../shared/schemas/process.js';
import { captureHandlers } from './capture/captureHandlers.js';
import type { PacketCapture } from './capture/packetCapture.js';
import { experimentHandlers } from './experiments/experimentHandlers.js';
import type { LabHandlers } from './handlerTypes.js';
import { httpHandlers } from './http/httpHandlers.js';
import { machineHandlers } from './machine/machineHandlers.js';
import type { MachineMonitor } from './machine/machineMonitor.js';
import type { HttpLab } from './http/httpLab.js';
import { poolHandlers } from './pools/poolHandlers.js';
import { processHandlers } from './processes/processHandlers.js';
import type { LabProcesses } from './processes/labProcesses.js';
import type { LabPools } from './pools/labPools.js';
import { queueHandlers } from './queues/queueHandlers.js';
import type { LabQueues } from './queues/labQueues.js';
import { scenarioHandlers } from './scenarios/scenarioHandlers.js';
import type { LabSettingsStore } from './settings/labSettings.js';
import { settingsHandlers } from './settings/settingsHandlers.js';
import type { ScenarioRunner } from './scenarios/scenarioRunner.js';
import type { LabSockets } from './sockets/labSockets.js';
import { socketHandlers } from './sockets/socketHandlers.js';
import { threadHandlers } from './sampler/threadHandlers.js';
import type { ThreadSampler } from './sampler/threadSampler.js';
import { type SystemFacts, systemHandlers } from './system/systemHandlers.js';

/** What the handlers work on: the lab's subsystems, and the facts only the composed lab knows. */
export interface LabParts extends SystemFacts {
  processes: LabProcesses;
  queues: LabQueues;
  pools: LabPools;
  scenarios: ScenarioRunner;
  http: HttpLab;
  sockets: LabSockets;
  settings: LabSettingsStore;
  capture: PacketCapture;
  threads: ThreadSampler;
  machine: MachineMonitor;
  rows(): ProcessRow[];
}

/** Every method of the contract, merged from the subsystems' handler tables. */
export function createLabHandlers(lab: LabParts): LabHandlers {
  return {
    ...systemHandlers(lab),
    ...settingsHandlers(lab.settings),
    ...processHandlers(lab.processes, () => lab.rows(), lab.queues),
    ...queueHandlers(lab.queues),
    ...poolHandlers(lab.pools, lab.queues),
    ...scenarioHandlers(lab.scenarios),
    ...httpHandlers(lab.http),
    ...socketHandlers(lab.sockets.lab, lab.sockets.rows),
    ...captureHandlers(lab.capture),
    ...machineHandlers(lab.machine),
    ...threadHandlers(lab.threads),
    ...experimentHandlers(() => ({ scenarios: lab.scenarios.list().scenarios, capabilities: lab.systemInfo().capabilities })),
  };
}
