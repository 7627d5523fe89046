import type { LabText } from '../../../shared/labTexts.js';
import type { z } from 'zod';
import type { ScenarioInfo, ScenarioResult } from '../../../shared/schemas/scenario.js';
import type { HttpLab } from '../http/httpLab.js';
import type { LabPool } from '../pools/labPool.js';
import type { LabProcess } from '../processes/labProcess.js';
import type { SpawnRequest } from '../processes/labProcesses.js';
import type { ScenarioSockets } from '../sockets/scenarioSockets.js';

/** What a scenario may do: start lab processes through the same lab as the user, and narrate. */
export interface ScenarioContext {
  spawn(request: Omit<SpawnRequest, 'args'> & { args?: SpawnRequest['args'] }): Promise<LabProcess>;
  /** A step for the timeline, in words: a declared lab text (shared/labTexts.ts), so it reads in the user's language. */
  say(text: LabText, pid?: number): void;
  /**
   * What it measured, as data (a scenario.result event, and scenarios.results): replaces the run's earlier
   * result of the same kind, so a live state is reported again each time it changes.
   */
  report(result: ScenarioResult): void;
  /** A fresh folder for this run (a FIFO, say), removed when the run ends. */
  tempDir(): Promise<string>;
  /** A lab queue for this run, closed when the run ends; returns its id. */
  createQueue(maxsize: number, name: string): string;
  /** Resolves once a get blocks on that queue (at once if one already does). */
  whenGetWaits(queueId: string): Promise<void>;
  /** A pool for this run; its workers end with the run. */
  createPool(size: number): Promise<LabPool>;
  /** The lab's sockets; whatever this run opens is closed when it ends. */
  sockets: ScenarioSockets;
  /** The HTTP lab, for scenarios that watch its server (browser-visit). */
  http: HttpLab;
}

export interface ScenarioHandle {
  /** What the user can do while it runs. */
  /** What the user can do while it runs; each answers what it did, as a lab text. */
  actions?: Record<string, () => Promise<LabText> | LabText>;
  /** Settles when the scenario has run its course by itself. */
  finished?: Promise<void>;
  /** Runs first when it is stopped, before the lab ends whatever it started that still runs. */
  cleanup?(): Promise<void> | void;
}

export interface ScenarioDefinition<P extends z.ZodObject = z.ZodObject> {
  info: Omit<ScenarioInfo, 'unavailable' | 'unavailableKey'>;
  params: P;
  /** Why it does not apply on this platform, or null. */
  unavailable(): LabText | null;
  start(context: ScenarioContext, params: z.output<P>): Promise<ScenarioHandle>;
}

export const defineScenario = <P extends z.ZodObject>(scenario: ScenarioDefinition<P>): ScenarioDefinition<P> => scenario;
