import { type Ref, ref } from 'vue';
import { errorMessage } from '../stores/notices.js';

export interface Attempt {
  /** A call is on its way: its buttons wait for the answer. */
  busy: Ref<boolean>;
  /** The latest call's failure, in the lab's words (or the form's, for what never left the page). */
  error: Ref<string | null>;
  attempt(work: () => Promise<void>): Promise<void>;
}

/** A form's or a card's calls to the lab: one at a time, and what went wrong shown where it was asked. */
export function useAttempt(): Attempt {
  const busy = ref(false);
  const error = ref<string | null>(null);
  async function attempt(work: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (caught) {
      error.value = errorMessage(caught);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, attempt };
}
