import { type Component, createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { afterEach, describe, expect, test } from 'vitest';
import type { MachineField, MachineSummary } from '../../../shared/schemas/machine.js';
import { i18n } from '../../../renderer/i18n/index.js';
import { machineSourceFor } from '../../../electron/lab/machine/machineSourceFor.js';

const load = { busy: 10, user: 6, system: 4, iowait: 0 };
/** The system's figures as each platform's source gives them: Linux's in full, the others with what they lack null. */
const summaryOf = (unavailable: readonly MachineField[]): MachineSummary => ({
  at: 1_764_772_507_000,
  cpu: load,
  cores: [load, load],
  load: unavailable.includes('load') ? null : [0.5, 0.4, 0.3],
  memory: { totalBytes: 8 * 2 ** 30, usedBytes: 2 ** 30, availableBytes: 7 * 2 ** 30, cachedBytes: 0 },
  swap: unavailable.includes('swap') ? null : { totalBytes: 2 ** 30, usedBytes: 0 },
  uptimeSeconds: 3600,
  processes: 412,
  threads: unavailable.includes('threads') ? null : 1800,
  running: unavailable.includes('threads') ? null : 2,
  unavailable: [...unavailable],
});

// A component module: the node project's type check has no .vue declarations (the web project's has), Vite compiles it here.
const { default: MachineSummaryBar } = (await import('../../../renderer/components/machine/MachineSummaryBar.vue' as string)) as { default: Component };

async function render(platform: NodeJS.Platform): Promise<string> {
  const app = createSSRApp(MachineSummaryBar, { summary: summaryOf(machineSourceFor(platform).unavailable) });
  app.use(i18n);
  return renderToString(app);
}

describe('the system figures say what the platform cannot show', () => {
  afterEach(() => void (i18n.global.locale.value = 'en'));

  test('macOS: swap and the thread count said not to be on this platform; the load average shown', async () => {
    const html = await render('darwin');
    expect(html).toContain('Swp');
    expect(html).toContain('Not on this platform: Loopscope cannot read swap here');
    expect(html).toContain('412 processes (threads and running: not on this platform)');
    expect(html).toContain('0.50 0.40 0.30');
  });

  test('Windows: the load average too; in Chinese as well', async () => {
    expect(await render('win32')).toContain('Not on this platform: Loopscope cannot read load average here');
    i18n.global.locale.value = 'zh-CN';
    expect(await render('win32')).toContain('此平台不提供：Loopscope 在这里无法读取平均负载');
  });

  test('Linux: every figure, nothing said missing', async () => {
    const html = await render('linux');
    expect(html).not.toContain('not on this platform');
    expect(html).toContain('412 processes, 1800 threads; 2 running');
  });
});
