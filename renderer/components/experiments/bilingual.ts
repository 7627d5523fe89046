import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Bilingual } from '../../../shared/schemas/experiments.js';

/** The course's texts carry both languages: this picks the one the page speaks, and follows a switch. */
export function useBilingual(): ComputedRef<(text: Bilingual) => string> {
  const { locale } = useI18n();
  return computed(() => {
    const chinese = locale.value.startsWith('zh');
    return (text: Bilingual) => (chinese ? text.zh : text.en);
  });
}
