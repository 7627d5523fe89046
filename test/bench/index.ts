/**
 * `npm run bench`: each figure beside a baseline measured in the same run, on the same machine,
 * so that the ratio means something even where the absolute numbers do not travel.
 */
import { eventLatency } from './eventLatency.js';
import { samplerCost } from './samplerCost.js';
import { type BenchResult, report } from './stats.js';

const results: BenchResult[] = [...(await samplerCost()), ...(await eventLatency())];
report(results);
process.exitCode = results.every((result) => result.met) ? 0 : 1;
