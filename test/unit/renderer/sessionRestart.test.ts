import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../renderer/api/client.js';
import { useSessionStore } from '../../../renderer/stores/session.js';
import { FakeTransport, ok, settle } from './fakeTransport.js';
import { labRow, row, snapshot } from './fixtures.js';

describe('the session across a restart of the lab', () => {
  let transport: FakeTransport;
  let session: ReturnType<typeof useSessionStore>;
  const main = row(100, 1, { role: 'main' });

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    transport.answers = {
      'events.subscribe': ok(snapshot([main, labRow(110, 100), labRow(120, 100), labRow(130, 100, { alive: false })])),
      'system.info': ok({ mainPid: 100, host: 'browser' }),
      'processes.tasks': ok({ tasks: [] }),
    };
    session = useSessionStore();
    session.connect(createApi(transport));
    transport.status('open');
    await settle();
  });

  it('says the lab restarted, and how many of its live lab processes ended with it, when another instance answers', async () => {
    transport.status('closed');
    expect(session.phase).toBe('lost');
    transport.answers['events.subscribe'] = ok(snapshot([row(200, 1, { role: 'main' })], {}, 30_000, { instance: 'lab-2', resumed: false }));
    transport.status('open');
    await settle();
    expect(session.phase).toBe('live');
    expect(session.restart).toMatchObject({ ended: 2 });
    expect([...session.processes.rows.keys()]).toEqual([200]);
  });

  it('says nothing of a restart when the same lab answers again', async () => {
    transport.status('closed');
    transport.answers['events.subscribe'] = ok(snapshot([main], {}, 30_000, { instance: 'lab-1', resumed: true }));
    transport.status('open');
    await settle();
    expect(session.restart).toBeNull();
  });

  it('is refused while the lab refuses the token, and lost again once no lab answers at all', () => {
    transport.status('closed');
    transport.status('connecting');
    transport.status('refused');
    expect(session.phase).toBe('refused');
    transport.status('connecting');
    expect(session.phase).toBe('refused');
    transport.status('closed');
    expect(session.phase).toBe('lost');
  });
});
