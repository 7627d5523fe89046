import { eventLoopBlockScenario } from '../concurrency/timing/eventLoopBlockScenario.js';
import { gilScenario } from '../concurrency/timing/gilScenario.js';
import { speedupScenario } from '../concurrency/timing/speedupScenario.js';
import { blockingScenario } from '../concurrency/blocking/blockingScenario.js';
import { coroutinesScenario } from '../concurrency/coroutines/coroutinesScenario.js';
import { deadlockScenario } from '../concurrency/deadlock/deadlockScenario.js';
import { locksScenario } from '../concurrency/locks/locksScenario.js';
import { raceScenario } from '../concurrency/race/raceScenario.js';
import { doubleForkScenario, sigchldScenario, waitScenario } from './avoidingZombies.js';
import { browserVisitScenario } from './browserVisit.js';
import { orphanScenario } from './orphan.js';
import { poolScenario } from './pool.js';
import { queueScenario } from './queue.js';
import type { ScenarioDefinition } from './scenarioDefinition.js';
import { tcpBacklogFullScenario, tcpHandshakeScenario, tcpSynRecvScenario } from './tcpOpening.js';
import { tcpRestartServerScenario } from './tcpRestartServer.js';
import { tcpCloseWaitScenario, tcpLastAckScenario, tcpResetScenario, tcpTimeWaitScenario } from './tcpTeardown.js';
import { udpEchoScenario, udpVsTcpScenario } from './udpScenarios.js';
import { zombieScenario } from './zombie.js';

/** Every scenario, in the order the Scenarios panel lists them. */
export const scenarios: readonly ScenarioDefinition[] = [
  zombieScenario,
  doubleForkScenario,
  waitScenario,
  sigchldScenario,
  orphanScenario,
  queueScenario,
  poolScenario,
  tcpHandshakeScenario,
  tcpBacklogFullScenario,
  tcpCloseWaitScenario,
  tcpLastAckScenario,
  tcpSynRecvScenario,
  tcpTimeWaitScenario,
  tcpRestartServerScenario,
  tcpResetScenario,
  udpEchoScenario,
  udpVsTcpScenario,
  browserVisitScenario,
  raceScenario,
  locksScenario,
  deadlockScenario,
  eventLoopBlockScenario,
  gilScenario,
  speedupScenario,
  blockingScenario,
  coroutinesScenario,
];
