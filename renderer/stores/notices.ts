import { defineStore } from 'pinia';
import { ref } from 'vue';
import { LabTextKey } from '../../shared/labTexts.js';
import { RpcError } from '../../shared/rpcError.js';
import { labText } from '../i18n/labText.js';

export interface Notice {
  id: number;
  message: string;
}

/** Long enough to read a sentence twice; the close button ends it sooner. */
const NOTICE_MS = 10_000;

/** The message to show for any thrown value: RpcError's message is already written for the user. */
/** An error's words; a lab error said in a declared lab text (its key in `data`) in the shown language. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const said = error instanceof RpcError ? LabTextKey.safeParse(error.data) : null;
  return said?.success ? labText({ text: error.message, ...said.data }) : error.message;
}

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
