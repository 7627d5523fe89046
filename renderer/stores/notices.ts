import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  id: number;
  message: string;
}

/** Long enough to read a sentence twice; the close button ends it sooner. */
const NOTICE_MS = 10_000;

/** The message to show for any thrown value: RpcError's message is already written for the user. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Errors of actions that have no form to show them in (terminate, clear, loading the lab's state). */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id);
  }

  function report(what: string, error: unknown): void {
    const id = nextId++;
    notices.value = [...notices.value, { id, message: `${what}: ${errorMessage(error)}` }];
    setTimeout(() => dismiss(id), NOTICE_MS);
  }

  return { notices, report, dismiss };
});
