/**
 * What the lab says, in Chinese, in Debian's Chromium against browser mode: a bind to a port in use refused with
 * EADDRINUSE under bind() in the Sockets view, a file that is not HAR refused in the HTTP view, and the packet
 * capture's capability in the welcome dialog, each in the words of the zh-CN lab catalog while the lab's own message
 * (what scripts read) stays English.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { fillTemplate } from '../../shared/labTexts.js';
import { type Browser, launchChromium } from '../support/chromium.js';
import { until } from '../support/poll.js';
import { RpcClient } from '../support/rpcClient.js';
import { flatCatalog } from '../unit/i18n/catalogFiles.js';
import { openLab } from './labPage.js';

const webUrl = inject('webUrl');
const zh = flatCatalog('zh-CN');
/** A lab text as the zh-CN catalog says it with these parameters. */
const chinese = (key: string, params: Record<string, string | number> = {}): string => fillTemplate(zh.get(key) ?? `(no ${key} in zh-CN)`, params);
/** The catalog's sentence up to its first parameter: what a page in Chinese must show whatever the values. */
const opening = (key: string): string => (zh.get(key) ?? `(no ${key} in zh-CN)`).split('{')[0]!;

describe('the lab’s errors and capability details in Chinese', () => {
  let browser: Browser;
  let page: Page;
  let rpc: RpcClient;
  const socketIds: string[] = [];

  beforeAll(async () => {
    rpc = await RpcClient.connect(webUrl);
    browser = await launchChromium({ locale: 'zh-CN', firstRun: true });
    page = await openLab(browser, webUrl);
  });

  afterAll(async () => {
    if (rpc) {
      const { sockets } = await rpc.call('sockets.list');
      for (const row of sockets) if (row.lab && socketIds.includes(row.lab.socketId) && row.lab.state !== 'closed') await rpc.call('sockets.close', { socketId: row.lab.socketId });
      rpc.close();
    }
    await browser?.close();
  });

  test('the welcome dialog says what packet capture needs, or has, in the catalog’s words for what the lab sent', async () => {
    const { capabilities } = await rpc.call('system.info');
    const capture = capabilities.packetCapture;
    expect(capture.key).toMatch(/^lab\.capability\.packetCapture\./);
    const shown = await page.getByTestId('first-run-capability-packetCapture').textContent();
    expect(shown).toContain(chinese(capture.key!, capture.params));
    expect(shown).not.toContain(capture.detail);
    await page.getByTestId('first-run-close').click();
  });

  test('bind() to a port in use: EADDRINUSE under the step, explained in Chinese, the kernel’s name kept', async () => {
    const holder = await rpc.call('sockets.create', { protocol: 'tcp', name: 'zh_holder' });
    socketIds.push(holder.socketId);
    const bound = await rpc.call('sockets.bind', { socketId: holder.socketId, address: '127.0.0.1', port: 0 });
    await rpc.call('sockets.listen', { socketId: holder.socketId });
    const port = bound.local!.port;

    await page.getByTestId('nav-sockets').click();
    await page.getByTestId('view-sockets').waitFor();
    await page.getByTestId('sockets-side-tab-peers').click();
    await page.getByTestId('create-tcp').click();
    await page.getByTestId('create-IPv4').click();
    await page.getByTestId('create-name').fill('zh_again');
    await page.getByTestId('create-submit').click();
    const steps = page.getByTestId('socket-steps');
    const made = await until('zh_again to be made and selected', async () => {
      const { sockets } = await rpc.call('sockets.list');
      const socketId = sockets.find((entry) => entry.lab?.name === 'zh_again' && entry.lab.state !== 'closed')?.lab?.socketId;
      return socketId !== undefined && (await steps.getAttribute('data-socket')) === socketId ? socketId : undefined;
    });
    socketIds.push(made);

    await page.getByTestId('step-bind-port').fill(String(port));
    await page.getByTestId('step-bind').click();
    const refused = page.locator('[data-testid="socket-step"][data-call="bind"]').getByTestId('step-error');
    await refused.waitFor();
    expect(await refused.getAttribute('data-errno')).toBe('EADDRINUSE');
    const text = (await refused.textContent()) ?? '';
    expect(text).toContain('zh_again.bind() 失败：EADDRINUSE');
    expect(text).toContain('另一个套接字占用了这个地址');
    expect(text).toContain('SO_REUSEADDR');
    expect(text).not.toContain('Another socket holds that address');
  });

  test('a file that is not HAR, imported in the HTTP view: refused in Chinese', async () => {
    await page.getByTestId('nav-http').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('har-import').click();
    await (await chooser).setFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('not json') });
    const error = page.getByTestId('http-log-bar').locator('.inline-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain(opening('lab.error.har.notHar'));
    expect(text).not.toContain('cannot be read as HAR');
  });
});
