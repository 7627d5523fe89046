import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { connectApi } from './api/connectApi.js';
import App from './App.vue';
import { i18n } from './i18n/index.js';
import { useSessionStore } from './stores/session.js';
import { useThemeStore } from './stores/theme.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/states.css';
import './styles/taskStatus.css';
import './styles/toneTag.css';
import './styles/viewLayout.css';

const app = createApp(App).use(createPinia()).use(i18n);
// The theme before the first paint, so a dark-mode user never sees a light flash.
useThemeStore();
useSessionStore().connect(connectApi());
app.mount('#app');
