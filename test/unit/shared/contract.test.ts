import { describe, expect, test } from 'vitest';
import { eventTypes, lifecycleStreams, methodNames, methods, streamNames, streams } from '../../../shared/contract.js';

describe('the contract', () => {
  test('documents every method in one line', () => {
    for (const name of methodNames) {
      expect(methods[name].doc, name).toMatch(/^[^\n]{10,200}$/);
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
    }
  });

  test('puts every event on a known stream, with a doc and a source', () => {
    for (const [type, spec] of Object.entries(eventTypes)) {
      expect(streamNames, type).toContain(spec.stream);
      expect(['observed', 'inferred']).toContain(spec.source);
      expect(spec.doc.length, type).toBeGreaterThan(10);
    }
  });

  test('rejects unknown keys, so a typo in a param is an error rather than ignored', () => {
    const result = methods['processes.terminate'].params.safeParse({ pid: 5, signal: 'KILL' });
    expect(result.success).toBe(false);
  });

  test('applies defaults for methods without params', () => {
    expect(methods['processes.list'].params.parse(undefined)).toEqual({});
    expect(methods['processes.spawn'].params.parse({ task: 'sleep' })).toEqual({ task: 'sleep', args: [], kwargs: {} });
  });

  test('bounds what a caller can send', () => {
    expect(methods['processes.spawn'].params.safeParse({ task: 'sleep', args: new Array(33).fill(1) }).success).toBe(false);
    expect(methods['processes.terminate'].params.safeParse({ pid: -1 }).success).toBe(false);
    expect(methods['processes.terminate'].params.safeParse({ pid: 1.5 }).success).toBe(false);
  });

  test('lists which streams feed the lifecycle history, rather than leaving it to exclusion', () => {
    for (const name of streamNames) expect(typeof streams[name].lifecycle, name).toBe('boolean');
    expect(lifecycleStreams).toEqual(expect.arrayContaining(['processes', 'queues']));
    expect(lifecycleStreams).not.toContain('output');
    expect(lifecycleStreams).not.toContain('samples');
  });
});
