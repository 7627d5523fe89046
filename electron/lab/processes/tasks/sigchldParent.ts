import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

/** The same idea outside Node: a SIGCHLD handler that calls waitpid until no exited child is left. */
// The handler only records what it reaped: printing from inside it could re-enter print() when a
// second SIGCHLD lands mid-write, which Python refuses (a reentrant call on the buffered stdout).
const PYTHON_REAPER = `
import os, signal, sys, time
reaped = []
def reap(signum, frame):
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        reaped.append((pid, os.waitstatus_to_exitcode(status)))
signal.signal(signal.SIGCHLD, reap)
children, seconds = int(sys.argv[1]), float(sys.argv[2])
for i in range(children):
    if os.fork() == 0:
        time.sleep(seconds)
        os._exit(10 + i)
printed = 0
deadline = time.time() + seconds + 10
while printed < children and time.time() < deadline:
    time.sleep(0.05)
    for pid, code in reaped[printed:]:
        print(f"python SIGCHLD handler reaped {pid}: exit code {code}", flush=True)
        printed += 1
`;

export const sigchldParentTask = defineTask({
  id: 'sigchld-parent',
  title: 'Reaping on SIGCHLD',
  doc: "Starts children without waiting for them; a SIGCHLD handler reaps each as it exits — Node's own (libuv's), and, where python3 is installed, a Python one.",
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({
      children: z.number().int().min(1).max(20).default(3).describe('How many children to start.'),
      childSeconds: z.number().min(0).max(60).default(1).describe('How long each child runs.'),
    })
    .strict(),
  run: async (_args, { children, childSeconds }) => {
    // libuv installs a SIGCHLD handler for the children it spawns and calls waitpid for each in the event loop.
    const exits = Array.from({ length: children }, (_, i) => {
      const child = spawn('sh', ['-c', 'sleep "$1"; exit "$2"', 'sh', String(childSeconds), String(i + 1)], { stdio: 'ignore' });
      return once(child, 'exit').then(([code]) => console.log(`node (libuv) SIGCHLD handler reaped ${child.pid}: exit code ${code}`));
    });
    await Promise.all(exits);
    const python = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
    if (!python) {
      console.log('python3 is not installed: only Node’s own handler ran');
      return;
    }
    console.log(`now the same in ${python}, with signal.signal(SIGCHLD, …) calling os.waitpid`);
    const reaper = spawn(python, ['-c', PYTHON_REAPER, String(children), String(childSeconds)], { stdio: ['ignore', 'inherit', 'inherit'] });
    await once(reaper, 'exit');
  },
});
