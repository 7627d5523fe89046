import { z } from 'zod';

/**
 * The hub's streams: each its own bounded ring, so a chatty stream cannot push another's history
 * out. `lifecycle` lists, rather than leaves to exclusion, which streams feed the lifecycle history
 * (the timeline, the scenario runs): a new high-volume stream joins it only by saying so.
 */
export const streams = {
  processes: { lifecycle: true, capacity: 4096, doc: 'Lab processes, scenarios and pools: spawns, states, exits.' },
  output: { lifecycle: false, capacity: 2048, doc: 'What lab processes write to stdout and stderr.' },
  samples: { lifecycle: false, capacity: 240, doc: "The sampler's ticks: state, CPU and memory of every process in the app's tree." },
  queues: { lifecycle: true, capacity: 2048, doc: 'Queue traffic: puts, gets, waits and raises.' },
  http: { lifecycle: false, capacity: 8192, doc: "The HTTP lab: logged exchanges (each with its pipeline steps and their times), the server's state, sessions." },
  httpSteps: {
    lifecycle: false,
    optIn: true,
    capacity: 8192,
    doc: "The mini server's pipeline steps one event each, as they happen: emitted only while a client subscribes to this stream by name (under load, eight a request).",
  },
  sockets: { lifecycle: true, capacity: 4096, doc: 'Lab sockets: every system call the lab makes and every state the kernel shows.' },
  packets: { lifecycle: false, capacity: 512, doc: "Live capture: batches of captured packets' summaries, and the capture's state and drops." },
  threads: { lifecycle: false, capacity: 32, doc: 'The threads of the processes some client shows threads for, one reading per sampler tick.' },
  machine: { lifecycle: false, optIn: true, capacity: 60, doc: 'Machine-wide readings, sampled only while a client subscribes to this stream by name.' },
} as const satisfies Record<string, { lifecycle: boolean; capacity: number; doc: string; optIn?: boolean }>;

export type StreamName = keyof typeof streams;
export const streamNames = Object.keys(streams) as [StreamName, ...StreamName[]];
export const StreamName = z.enum(streamNames);
/** What a subscription without names gets: every stream but the opt-in ones, whose cost runs only while someone asks for them by name. */
export const defaultStreams: readonly StreamName[] = streamNames.filter((name) => !('optIn' in streams[name]));
export const lifecycleStreams: readonly StreamName[] = streamNames.filter((name) => streams[name].lifecycle);
