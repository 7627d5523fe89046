import { describe, expect, it } from 'vitest';
import { adopterBadge, adoptionBadge, exitBadge, stateBadge, stateInfo } from '../../../renderer/model/stateText.js';
import { countByState } from '../../../renderer/model/processSummary.js';
import { labRow, row } from './fixtures.js';

describe('stateInfo and stateBadge', () => {
  it.each([
    ['R', 'running'],
    ['S', 'sleeping'],
    ['D', 'disk sleep'],
    ['Z', 'zombie'],
    ['T', 'stopped'],
    ['t', 'tracing stop'],
    ['I', 'idle'],
    ['X', 'dead'],
  ])('%s is %s, explained with its letter, where it was read and since when', (letter, label) => {
    const since = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    const badge = stateBadge(row(10, 1, { state: letter, stateSince: since }));
    expect(badge.label).toBe(label);
    expect(badge.explanation).toMatch(new RegExp(`^${letter} — .+/proc/<pid>/stat\\) Since 03:04:05\\.006\\.$`));
  });

  it('tells apart interruptible and uninterruptible sleep', () => {
    expect(stateInfo('S').explanation).toContain('Interruptible');
    expect(stateInfo('D').explanation).toContain('Uninterruptible');
  });

  it('says what exit status a zombie holds for its parent', () => {
    const heldExit = { code: 3, signal: null, exitcode: 3, at: 1 };
    expect(stateBadge(row(10, 1, { state: 'Z', heldExit })).explanation).toContain('It holds exit code 3 for its parent to collect.');
  });

  it('shows an unknown letter as the kernel reported it', () => {
    expect(stateInfo('W')).toMatchObject({ label: 'other', explanation: expect.stringContaining("'W'") });
  });
});

describe('exitBadge', () => {
  const exit = { code: null, signal: null, exitcode: 0, at: 8_200 };

  it('is null for a live process', () => {
    expect(exitBadge(labRow(10, 1))).toBeNull();
  });

  it('names the exit code, and the time it ran', () => {
    const badge = exitBadge(labRow(10, 1, { alive: false, exit: { ...exit, code: 3, exitcode: 3 } }));
    expect(badge?.label).toBe('exited 3');
    expect(badge?.explanation).toContain('after 3.2 s');
    expect(badge?.explanation).toContain('exitcode 3');
  });

  it('names the signal that killed it', () => {
    const badge = exitBadge(labRow(10, 1, { alive: false, exit: { ...exit, signal: 'SIGTERM', exitcode: -15 } }));
    expect(badge?.label).toBe('killed SIGTERM');
    expect(badge?.explanation).toContain('exitcode -15');
  });
});

describe('adoptionBadge', () => {
  it('names the adopter of an orphan, and nothing for a process with its own parent', () => {
    expect(adoptionBadge(row(10, 1, { adoptedBy: { pid: 1, name: 'systemd' } }))).toMatchObject({
      label: 'adopted',
      explanation: expect.stringContaining('made systemd (pid 1) its parent'),
    });
    expect(adoptionBadge(row(10, 1))).toBeNull();
  });
});

describe('adopterBadge', () => {
  it('names the adopter, and says when it is Loopscope itself as subreaper', () => {
    expect(adopterBadge({ pid: 1, name: 'process_api' }, 100).label).toBe('Adopted by pid 1 (process_api)');
    expect(adopterBadge({ pid: 1, name: 'init' }, 100).explanation).toContain('init, pid 1');
    expect(adopterBadge({ pid: 100, name: 'node' }, 100).explanation).toContain('Loopscope itself, as child subreaper');
    expect(adopterBadge({ pid: 900, name: 'systemd' }, 100).explanation).toContain('the nearest child subreaper');
  });
});

describe('countByState', () => {
  it('counts live processes by state in htop’s order, then exited ones', () => {
    const rows = [
      row(1, 0, { state: 'S' }),
      row(2, 1, { state: 'R' }),
      row(3, 1, { state: 'S' }),
      row(4, 1, { state: 'Z' }),
      labRow(5, 1, { alive: false, state: 'X' }),
    ];
    expect(countByState(rows)).toEqual([
      { key: 'R', label: 'running', count: 1 },
      { key: 'S', label: 'sleeping', count: 2 },
      { key: 'Z', label: 'zombie', count: 1 },
      { key: 'exited', label: 'exited', count: 1 },
    ]);
  });

  it('counts 0 for the states asked for always, each in its place', () => {
    expect(countByState([row(1, 0, { state: 'S' })], ['R', 'S', 'exited']).map(({ key, count }) => `${key} ${count}`)).toEqual(['R 0', 'S 1', 'exited 0']);
  });

  it('puts letters it does not know after the known ones', () => {
    expect(countByState([row(1, 0, { state: 'W' }), row(2, 1, { state: 'I' })]).map((count) => count.key)).toEqual(['I', 'W']);
  });
});
