import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { procfsAvailable, readStat } from '../../../electron/lab/procfs/procfs.js';
import { readTaskIds } from '../../../electron/lab/procfs/taskStat.js';
import { emptyTaskStatLine, parseTaskStatLine } from '../../../electron/lab/sampler/taskStatLine.js';
import { ThreadReader } from '../../../electron/lab/sampler/threadReader.js';
import { until } from '../../support/poll.js';

const self = () => ({ pid: process.pid, startKey: readStat(process.pid)?.startTicks ?? -1 });
const commOf = (tid: number): string | null => {
  try {
    return readFileSync(`/proc/${process.pid}/task/${tid}/comm`, 'utf8').trimEnd();
  } catch {
    return null;
  }
};
const openFiles = (): number => readdirSync('/proc/self/fd').length;

/** A worker thread that names itself in /proc and renames itself when told, answering with its tid. */
function namedWorker(name: string): Promise<{ worker: Worker; tid: number }> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const fs = require('node:fs');
     const name = (text) => fs.writeFileSync('/proc/thread-self/comm', text);
     name(${JSON.stringify(name)});
     parentPort.on('message', (text) => { name(text); parentPort.postMessage('renamed'); });
     parentPort.postMessage(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (tid: number) => resolve({ worker, tid }));
    worker.once('error', reject);
  });
}

const workers: Worker[] = [];
const readers: ThreadReader[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) reader.dispose();
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});
const newReader = (): ThreadReader => {
  const reader = new ThreadReader();
  readers.push(reader);
  return reader;
};
let at = 0;
const readSelf = (reader: ThreadReader) => reader.read([self()], (at += 1000)).get(process.pid);

describe.skipIf(!procfsAvailable)('reading a thread from /proc/<pid>/task', () => {
  it('lists this process’s threads in tid order, the main thread first, as the kernel does', () => {
    const tids = readTaskIds(process.pid);
    expect(tids).toEqual(readdirSync(`/proc/${process.pid}/task`).map(Number).sort((a, b) => a - b));
    expect(tids?.[0]).toBe(process.pid);
  });

  it('gives each thread the comm its comm file holds, from the one stat read', async () => {
    const { tid } = await namedWorker('named-here');
    workers.push((await namedWorker('another')).worker);
    const reading = readSelf(newReader());
    expect(reading?.threads.find((thread) => thread.tid === tid)?.name).toBe('named-here');
    for (const thread of reading?.threads ?? []) {
      const comm = commOf(thread.tid);
      if (comm !== null) expect(thread.name).toBe(comm); // null: a thread that ended meanwhile
    }
  });

  it('sees a thread rename itself, and threads that end and start between readings', async () => {
    const reader = newReader();
    const first = await namedWorker('before');
    workers.push(first.worker);
    expect(readSelf(reader)?.threads.find((thread) => thread.tid === first.tid)?.name).toBe('before');

    first.worker.postMessage('after');
    await new Promise((resolve) => first.worker.once('message', resolve));
    expect(readSelf(reader)?.threads.find((thread) => thread.tid === first.tid)?.name).toBe('after');

    await first.worker.terminate();
    await until('the ended worker to leave /proc', () => commOf(first.tid) === null);
    const second = await namedWorker('newcomer');
    workers.push(second.worker);
    const reading = readSelf(reader);
    const tids = reading?.threads.map((thread) => thread.tid) ?? [];
    expect(tids).not.toContain(first.tid);
    expect(reading?.threads.find((thread) => thread.tid === second.tid)?.name).toBe('newcomer');
    expect(tids).toEqual([...tids].sort((a, b) => a - b));
  });

  it('holds a file per thread shown, and closes them when the process is no longer shown', async () => {
    workers.push((await namedWorker('held')).worker);
    const before = openFiles();
    const reader = newReader();
    const shown = readSelf(reader)?.threads.length ?? 0;
    expect(shown).toBeGreaterThan(1);
    expect(openFiles()).toBeGreaterThanOrEqual(before + shown - 1);
    reader.retain(new Set());
    expect(openFiles()).toBeLessThanOrEqual(before);
  });

  it('is null for a process that is not there, or whose pid another process holds now', () => {
    expect(readTaskIds(4_194_304)).toBeNull();
    const reader = newReader();
    expect(reader.read([{ pid: 4_194_304, startKey: 1 }], 1).get(4_194_304)).toBeNull();
    expect(reader.read([{ pid: process.pid, startKey: self().startKey + 1 }], 2).get(process.pid)).toBeNull();
  });

  it('reads state, CPU ticks, threads, start time and last CPU after a comm that holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'R';
    fields[15] = '-2'; // priority, negative for a real-time thread
    const text = `42 (a (b) c) ${fields.join(' ')}\n`;
    const line = emptyTaskStatLine();
    expect(parseTaskStatLine(Buffer.from(text), text.length, line)).toBe(true);
    expect(text.slice(line.commStart, line.commEnd)).toBe('a (b) c');
    expect(line).toMatchObject({ state: 'R', cpuTicks: 14 + 15, numThreads: 20, startTicks: 22, processor: 39 });
  });
});
