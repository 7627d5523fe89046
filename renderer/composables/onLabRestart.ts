import { watch } from 'vue';
import { useSessionStore } from '../stores/session.js';

/**
 * Runs `forget` each time a reconnect finds a new run of the lab. What a page kept of the old run (a spawn's
 * "Started … · pid …", a join's answer, a queue's calls, what was typed for a pool or a queue) answered for
 * processes and objects that ended with it, and the new run hands out the same ids again (pool-1, queue-1).
 * In a store's setup or a component's: the watch ends with its scope.
 */
export function onLabRestart(forget: () => void): void {
  const session = useSessionStore();
  watch(
    () => session.restart,
    (restart) => {
      if (restart) forget();
    },
  );
}
