import { defineStore } from 'pinia';
import { ref } from 'vue';

/** Whether the settings dialog is open: the top bar opens it, the app shell shows it (outside the top bar's landmark). */
export const useSettingsDialogStore = defineStore('settingsDialog', () => ({ open: ref(false) }));
