import type { Component } from 'vue';
import type { IconName } from '../components/icons.js';
import HttpView from './HttpView.vue';
import ProcessesView from './ProcessesView.vue';
import SocketsView from './SocketsView.vue';

export interface ViewEntry {
  id: string;
  title: string;
  icon: IconName;
  component: Component;
}

/** The sidebar's views, in its order. */
export const views: readonly ViewEntry[] = [
  { id: 'processes', title: 'Processes', icon: 'processes', component: ProcessesView },
  { id: 'sockets', title: 'Sockets', icon: 'sockets', component: SocketsView },
  { id: 'http', title: 'HTTP', icon: 'http', component: HttpView },
];
