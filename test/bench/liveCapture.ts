/**
 * Live capture at 10,000 packets/s on lo: UDP datagrams from a child process (so the lab's process pays only for the
 * capture), once with the packet lab capturing (tcpdump sees all of lo, the lab keeps the bench's port) and once with capture off, in the same run. Shown:
 * the lab process's CPU and its event loop's longest block both ways, what tcpdump says the kernel dropped, and how
 * many of the datagrams the lab kept.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createSocket } from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { detectCapture } from '../../electron/lab/capture/captureCapability.js';
import { PacketCapture } from '../../electron/lab/capture/packetCapture.js';
import { EventHub } from '../../electron/lab/hub/eventHub.js';
import type { BenchResult } from './stats.js';

const RATE = 10_000;
const SECONDS = 5;

/** A child that sends RATE datagrams a second to `port` for SECONDS, in 1 ms steps; resolves when it has exited. */
async function sendTraffic(port: number): Promise<void> {
  const script = `
    const s = require('node:dgram').createSocket('udp4');
    const payload = Buffer.alloc(64, 1);
    const start = Date.now();
    let sent = 0;
    const total = ${RATE * SECONDS};
    const tick = () => {
      const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * ${RATE}));
      while (sent < due) { s.send(payload, ${port}, '127.0.0.1'); sent++; }
      if (sent < total) setTimeout(tick, 1); else s.close();
    };
    tick();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  await once(child, 'exit');
}

interface Run {
  cpuPercent: number;
  longestBlockMs: number;
}

async function measure(port: number, during: () => Promise<void>): Promise<Run> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await during();
  await sendTraffic(port);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - start;
  loop.disable();
  return { cpuPercent: ((used.user + used.system) / 1000 / wall) * 100, longestBlockMs: loop.max / 1e6 };
}

export async function liveCapture(): Promise<BenchResult[]> {
  const { capability } = detectCapture();
  const name = `live capture of ${RATE.toLocaleString('en')} UDP packets/s on lo for ${SECONDS} s`;
  if (!capability.available) return [{ name: `${name}: not possible here (${capability.detail})`, value: 0, unit: 'packets', baselineName: 'none', baseline: 0, goal: 'capture possible', met: false }];
  const sink = createSocket('udp4');
  sink.on('message', () => undefined);
  sink.bind(0, '127.0.0.1');
  await once(sink, 'listening');
  const port = sink.address().port;
  const capture = new PacketCapture({ hub: new EventHub({ state: () => ({ processes: [] }) }), ownPorts: () => [], labPorts: () => new Set([port]), ownerOf: () => null, log: () => undefined });
  try {
    const off = await measure(port, async () => undefined);
    const on = await measure(port, async () => void (await capture.start('lab')));
    const status = await capture.stop();
    const kept = capture.page(0, 1, `udp.port == ${port}`).matched;
    const dropped = status.tool?.droppedByKernel ?? -1;
    return [
      { name: `${name}: lab process CPU while capturing`, value: on.cpuPercent, unit: '%', baselineName: 'the same traffic, capture off', baseline: off.cpuPercent, goal: 'shown beside its baseline', met: true },
      { name: `${name}: event loop's longest block while capturing`, value: on.longestBlockMs, unit: 'ms', baselineName: 'capture off', baseline: off.longestBlockMs, goal: '< 50 ms', met: on.longestBlockMs < 50 },
      { name: `${name}: packets the kernel dropped (tcpdump's count)`, value: dropped, unit: 'packets', baselineName: 'datagrams the lab kept', baseline: kept, goal: `0 dropped, all ${(RATE * SECONDS).toLocaleString('en')} kept`, met: dropped === 0 && kept === RATE * SECONDS },
    ];
  } finally {
    await capture.dispose();
    sink.close();
  }
}
