/**
 * `npm run bench`: each figure beside a baseline measured in the same run, on the same machine,
 * so that the ratio means something even where the absolute numbers do not travel.
 */
import { deadlockDetection } from './deadlockDetection.js';
import { eventLatency } from './eventLatency.js';
import { httpServer } from './httpServer.js';
import { httpDecode } from './httpDecode.js';
import { idleLab } from './idleLab.js';
import { machineSampling } from './machineSampling.js';
import { liveCapture } from './liveCapture.js';
import { manyProcesses } from './manyProcesses.js';
import { packetDecode } from './packetDecode.js';
import { samplerCost } from './samplerCost.js';
import { soak } from './soak.js';
import { socketSteps } from './socketSteps.js';
import { socketTracker } from './socketTracker.js';
import { spawnBurst } from './spawnBurst.js';
import { speedup } from './speedup.js';
import { threadSampling } from './threadSampling.js';
import { type BenchResult, report } from './stats.js';

const results: BenchResult[] = [
  ...(await samplerCost()),
  ...(await idleLab()),
  ...(await machineSampling()),
  ...(await threadSampling()),
  ...(await eventLatency()),
  ...(await manyProcesses()),
  ...(await spawnBurst()),
  ...(await httpServer()),
  ...(await httpDecode()),
  ...(await packetDecode()),
  ...(await liveCapture()),
  ...(await socketTracker()),
  ...(await socketSteps()),
  ...(await speedup()),
  ...(await deadlockDetection()),
  ...(await soak()),
];
report(results);
process.exitCode = results.every((result) => result.met) ? 0 : 1;
