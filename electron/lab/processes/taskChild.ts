/**
 * Entry point of every Node lab process. The spec was validated by the parent; its kwargs are
 * parsed again here because a process boundary is a trust boundary. An exception is left uncaught
 * on purpose: Node prints it and exits 1, exactly what a crashing child shows.
 */
import { builtInTasks } from './tasks/index.js';
import { decodeTaskSpec } from './taskSpec.js';

const spec = decodeTaskSpec(process.argv[2] ?? '');
const task = builtInTasks.find((candidate) => candidate.id === spec.task);
if (!task?.run) throw new Error(`Unknown Node task '${spec.task}'`);
await task.run(spec.args, task.kwargs.parse(spec.kwargs));
