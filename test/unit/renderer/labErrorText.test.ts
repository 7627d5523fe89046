import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { LabQueue } from '../../../electron/lab/queues/labQueue.js';
import { i18n } from '../../../renderer/i18n/index.js';
import { errorMessage } from '../../../renderer/stores/notices.js';
import { RpcError } from '../../../shared/rpcError.js';

/** A real queue.Empty from the lab's queue, as the client receives it: the object form over the transport, thrown again. */
async function emptyGet(): Promise<RpcError> {
  const queue = new LabQueue('q1', 'Queue-1', 0);
  const caught = await queue.get({ block: false }).catch((error: unknown) => error);
  return RpcError.from((caught as RpcError).toObject());
}

describe('lab errors in the page', () => {
  afterEach(() => void (i18n.global.locale.value = 'en'));

  it('read in the shown language from the key in their data, and as the lab said them otherwise', async () => {
    setActivePinia(createPinia());
    const error = await emptyGet();
    expect(error.data).toMatchObject({ key: 'lab.error.queue.empty', params: { queue: 'Queue-1' }, exception: 'Empty' });
    expect(errorMessage(error)).toBe(error.message);
    expect(error.message).toMatch(/^queue\.Empty: Queue-1 has no items/);
    i18n.global.locale.value = 'zh-CN';
    expect(errorMessage(error)).toMatch(/^queue\.Empty：Queue-1 中没有条目/);
    expect(errorMessage(new RpcError(-32000, 'said in English only'))).toBe('said in English only');
  });
});
