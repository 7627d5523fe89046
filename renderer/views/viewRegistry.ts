import type { Component } from 'vue';
import ConcurrencyView from '../components/concurrency/ConcurrencyView.vue';
import ExperimentsView from '../components/experiments/ExperimentsView.vue';
import type { IconName } from '../components/icons.js';
import HttpView from './HttpView.vue';
import PacketsView from './PacketsView.vue';
import ProcessesView from './ProcessesView.vue';
import SocketsView from './SocketsView.vue';

export interface ViewEntry {
  id: string;
  /** Its name's catalog key. */
  title: string;
  icon: IconName;
  component: Component;
}

/** The sidebar's views, in its order. */
export const views: readonly ViewEntry[] = [
  { id: 'processes', title: 'common.nav.processes', icon: 'processes', component: ProcessesView },
  { id: 'sockets', title: 'common.nav.sockets', icon: 'sockets', component: SocketsView },
  { id: 'http', title: 'common.nav.http', icon: 'http', component: HttpView },
  { id: 'packets', title: 'packets.view.title', icon: 'packets', component: PacketsView },
  { id: 'concurrency', title: 'concurrency.view.title', icon: 'threads', component: ConcurrencyView },
  { id: 'experiments', title: 'experiments.view.title', icon: 'course', component: ExperimentsView },
];
