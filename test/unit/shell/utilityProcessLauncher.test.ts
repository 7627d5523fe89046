import { EventEmitter } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { Details, ForkOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import type { LaunchedChild } from '../../../electron/lab/processes/childLauncher.js';
import { utilityProcessLauncher } from '../../../electron/shell/utilityProcessLauncher.js';

/** Behaves as Electron's UtilityProcess does where the launcher depends on it. */
class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];

  constructor(readonly options: ForkOptions) {
    super();
  }

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  spawn(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
  }

  /** Electron emits 'exit', then removes every listener from the streams it handed out. */
  exit(code: number): void {
    this.emit('exit', code);
    this.stdout.removeAllListeners();
    this.stderr.removeAllListeners();
    this.pid = undefined;
  }
}

function electron() {
  const forks: { modulePath: string; args: string[]; child: FakeUtilityProcess }[] = [];
  const app = new EventEmitter();
  const utilityProcess = {
    fork(modulePath: string, args: string[], options: ForkOptions) {
      const child = new FakeUtilityProcess(options);
      forks.push({ modulePath, args, child });
      return child;
    },
  };
  const gone = (child: FakeUtilityProcess, exitCode: number, reason: Details['reason']): void => {
    app.emit('child-process-gone', {}, { type: 'Utility', reason, exitCode, name: child.options.serviceName } satisfies Details);
  };
  const last = (): FakeUtilityProcess => forks.at(-1)?.child as FakeUtilityProcess;
  return { forks, app, utilityProcess, gone, last };
}

async function launched(fake: ReturnType<typeof electron>, options = {}): Promise<{ child: FakeUtilityProcess; launch: LaunchedChild }> {
  const launcher = utilityProcessLauncher(fake.utilityProcess, fake.app, { platform: 'linux', reportWaitMs: 50, ...options });
  const launching = launcher.launchNode('/app/out/main/taskChild.js', ['spec']);
  const child = fake.last();
  child.spawn(4242);
  return { child, launch: await launching };
}

const text = async (stream: Readable): Promise<string> => {
  let all = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) all += chunk;
  return all;
};

describe('the utility process launcher', () => {
  test('forks the entry with its args, piped output and a service name of its own per launch', async () => {
    const fake = electron();
    const launcher = utilityProcessLauncher(fake.utilityProcess, fake.app);
    expect(launcher.kind).toBe('utilityProcess');
    const first = launcher.launchNode('/app/out/main/taskChild.js', ['a', 'b']);
    fake.last().spawn(101);
    const second = launcher.launchNode('/app/out/main/taskChild.js', ['c']);
    fake.last().spawn(102);
    await expect(first).resolves.toMatchObject({ pid: 101, ownProcessGroup: false });
    await expect(second).resolves.toMatchObject({ pid: 102, ownProcessGroup: false });
    expect(fake.forks.map(({ modulePath, args }) => [modulePath, args])).toEqual([
      ['/app/out/main/taskChild.js', ['a', 'b']],
      ['/app/out/main/taskChild.js', ['c']],
    ]);
    const [one, two] = fake.forks.map(({ child }) => child.options);
    expect(one).toMatchObject({ stdio: 'pipe' });
    expect(one?.serviceName).not.toBe(two?.serviceName);
  });

  test('carries the lab channel over postMessage and message events', async () => {
    const { child, launch } = await launched(electron());
    const received: unknown[] = [];
    launch.channel.onMessage((message) => received.push(message));
    child.emit('message', { kind: 'taskDone', taskId: 't1', ok: true, error: null });
    launch.channel.send({ kind: 'shutdown' });
    expect(received).toEqual([{ kind: 'taskDone', taskId: 't1', ok: true, error: null }]);
    expect(child.posted).toEqual([{ kind: 'shutdown' }]);
  });

  test('rejects when the process exits before it started', async () => {
    const fake = electron();
    const launching = utilityProcessLauncher(fake.utilityProcess, fake.app).launchNode('/missing.js', []);
    fake.last().exit(1);
    await expect(launching).rejects.toThrow(/exited with code 1 before it started/);
  });

  test('keeps output that arrives after exit, although Electron drops its listeners then', async () => {
    const fake = electron();
    const { child, launch } = await launched(fake);
    const stdout = text(launch.stdout);
    const stderr = text(launch.stderr);
    child.stdout.write('first line\n');
    child.exit(0);
    await Promise.resolve(); // the relay listens again in a microtask
    child.stdout.end('last line\n');
    child.stderr.end('a warning\n');
    expect(await stdout).toBe('first line\nlast line\n');
    expect(await stderr).toBe('a warning\n');
    expect(await launch.exited).toEqual({ code: 0, signal: null });
  });

  test('tells a signal from an exit code by the status in the app report, whichever comes first', async () => {
    const fake = electron();
    const killed = await launched(fake);
    killed.child.exit(15);
    fake.gone(killed.child, 15, 'killed');
    expect(await killed.launch.exited).toEqual({ code: null, signal: 'SIGTERM' });

    const exited = await launched(fake);
    fake.gone(exited.child, 15 << 8, 'abnormal-exit');
    exited.child.exit(15);
    expect(await exited.launch.exited).toEqual({ code: 15, signal: null });
  });

  test('falls back to the exit code when no report comes', async () => {
    const fake = electron();
    const { child, launch } = await launched(fake);
    child.exit(3);
    expect(await launch.exited).toEqual({ code: 3, signal: null });
  });

  test("ignores reports about other processes", async () => {
    const fake = electron();
    const { child, launch } = await launched(fake);
    fake.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'killed', exitCode: 9, name: 'Some Other Service' } satisfies Details);
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'killed', exitCode: 9, name: child.options.serviceName } satisfies Details);
    child.exit(9);
    expect(await launch.exited).toEqual({ code: 9, signal: null });
  });

  test('takes the code as it is on Windows, where there are no signals', async () => {
    const fake = electron();
    const { child, launch } = await launched(fake, { platform: 'win32', reportWaitMs: 60_000 });
    child.exit(15);
    expect(await launch.exited).toEqual({ code: 15, signal: null });
  });
});
