import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/i18n/index.js';
import { describeEvent } from '../../../renderer/model/eventText.js';
import { zombieScenario } from '../../../electron/lab/scenarios/zombie.js';
import { declaredLabTexts, fillTemplate } from '../../../shared/labTexts.js';
import { event } from './fixtures.js';

/** A scenario step as the lab sends it: the English, and beside it the key and parameters of the declared text. */
const step = (key: string, params: Record<string, number>) =>
  event('scenario.step', { runId: 'r1', text: fillTemplate(declaredLabTexts().get(key)!, params), key, params, pid: 42 });

describe('a scenario’s steps on the timeline', () => {
  afterEach(() => void (i18n.global.locale.value = 'en'));

  it('read in the shown language from the key, and in the lab’s English without one', () => {
    expect(zombieScenario.info.id).toBe('zombie'); // its texts are declared on import
    const started = step('lab.step.zombie.started', { pid: 42, code: 3 });
    expect(describeEvent(started).label).toBe('started the parent, pid 42; it starts a child that exits 3 and never reaps it');
    i18n.global.locale.value = 'zh-CN';
    expect(describeEvent(started).label).toBe('启动了父进程，pid 42；它启动一个以 3 退出的子进程，并且从不回收它');
    const unkeyed = event('scenario.step', { runId: 'r1', text: 'a step said in English only', pid: null });
    expect(describeEvent(unkeyed).label).toBe('a step said in English only');
  });
});
