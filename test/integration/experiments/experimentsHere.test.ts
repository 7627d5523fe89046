/**
 * The course on this machine, as the lab answers experiments.list: every topic has an experiment that runs here, or
 * each of its experiments says why it cannot; and what it says about packet capture is what capture.status says.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { RpcClient } from '../../support/rpcClient.js';

const webUrl = inject('webUrl');

describe('experiments.list on this machine', () => {
  let rpc: RpcClient;
  beforeAll(async () => {
    rpc = await RpcClient.connect(webUrl);
  });
  afterAll(() => rpc.close());

  test('every topic can be run here, or says exactly why not', async () => {
    const { topics, parts } = await rpc.call('experiments.list');
    expect(parts.map((part) => part.number)).toEqual([7, 8]);
    expect(topics).toHaveLength(31);
    const silent = topics.filter((topic) => !topic.experiments.some((experiment) => experiment.unavailable === null) && topic.experiments.some((experiment) => !experiment.unavailable?.trim()));
    expect(silent.map((topic) => topic.id)).toEqual([]);
    // On this Linux machine, run as CI runs it, every topic has one that runs.
    expect(topics.filter((topic) => topic.experiments.every((experiment) => experiment.unavailable !== null)).map((topic) => topic.id)).toEqual([]);
  });

  test('an experiment drawn from packets is unavailable exactly when capture is, with capture’s own reason', async () => {
    const [{ topics }, capture] = await Promise.all([rpc.call('experiments.list'), rpc.call('capture.status')]);
    const fromPackets = topics.flatMap((topic) => topic.experiments.filter((experiment) => experiment.opens === 'packets'));
    expect(fromPackets.length).toBeGreaterThan(0);
    for (const experiment of fromPackets) expect(experiment.unavailable).toBe(capture.capability.available ? null : capture.capability.detail);
  });
});
