import { describe, expect, it } from 'vitest';
import { taskInfos } from '../../../electron/lab/processes/taskCatalog.js';
import { scenarios } from '../../../electron/lab/scenarios/index.js';
import '../../../electron/lab/lab.js'; // every module that declares lab texts
import { declaredLabTexts, placeholdersOf } from '../../../shared/labTexts.js';
import { flatCatalog } from './catalogFiles.js';

/** The lab's Chinese, by the ids the lab declares its tasks and scenarios under: all of them, and nothing stale. */
const zhLab = new Map([...flatCatalog('zh-CN')].filter(([key]) => key.startsWith('lab.')));

describe('the lab’s texts in Chinese', () => {
  it('name every task the lab runs, with what it does', () => {
    const missing = taskInfos().flatMap((task) => ['title', 'doc'].map((field) => `lab.task.${task.id}.${field}`)).filter((key) => !zhLab.has(key));
    expect(missing).toEqual([]);
  });

  it('name every scenario', () => {
    expect(scenarios.map((scenario) => `lab.scenario.${scenario.info.id}.title`).filter((key) => !zhLab.has(key))).toEqual([]);
  });

  it('hold no key for a task or scenario the lab no longer has', () => {
    const tasks = new Set(taskInfos().map((task) => task.id));
    const scenarioIds = new Set(scenarios.map((scenario) => scenario.info.id));
    const stale = [...zhLab.keys()].filter((key) => {
      const [, kind, id] = key.split('.');
      return (kind === 'task' && !tasks.has(id!)) || (kind === 'scenario' && !scenarioIds.has(id!));
    });
    expect(stale).toEqual([]);
  });

  it('say every step, error and capability detail the lab declares, with the same parameters as its English', () => {
    const declared = declaredLabTexts();
    expect(declared.size).toBeGreaterThan(50);
    const problems = [...declared].flatMap(([key, english]) => {
      const chinese = zhLab.get(key);
      if (chinese === undefined) return [`${key}: missing`];
      const [want, have] = [placeholdersOf(english), placeholdersOf(chinese)];
      return want.join() === have.join() ? [] : [`${key}: {${want.join('} {')}} in English, {${have.join('} {')}} in Chinese`];
    });
    expect(problems).toEqual([]);
    const stale = [...zhLab.keys()].filter((key) => ['lab.step.', 'lab.error.', 'lab.capability.'].some((kind) => key.startsWith(kind)) && !declared.has(key));
    expect(stale).toEqual([]);
  });
});
