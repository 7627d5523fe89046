import { defineStore } from 'pinia';
import { ref } from 'vue';

/** A request to show one thing in another view: which process, which socket. Counted, so the same one asked twice is still news. */
export interface Reveal<T> {
  target: T;
  serial: number;
}

/**
 * Which view is shown, and the links between views: a socket's row opens its process, a process's detail opens its
 * sockets. The view that shows the target watches its request and selects it.
 */
export const useNavigationStore = defineStore('navigation', () => {
  /** The sidebar's first view is where the app opens. */
  const view = ref('processes');
  const process = ref<Reveal<number> | null>(null);
  const socket = ref<Reveal<string> | null>(null);
  let serial = 0;

  function openProcess(pid: number): void {
    process.value = { target: pid, serial: ++serial };
    view.value = 'processes';
  }

  /** A socket's row by its key (a lab socketId, or the tracker's id). */
  function openSocket(key: string): void {
    socket.value = { target: key, serial: ++serial };
    view.value = 'sockets';
  }

  return { view, process, socket, openProcess, openSocket };
});
