/**
 * Every catalog, merged: one JSON file per area and language (locales/<locale>/<area>.json), each area under its own
 * name (`common.connection.live` is common.json's `connection.live`), and the glossary under `glossary`. At build time
 * @intlify/unplugin-vue-i18n turns every JSON message into an AST the runtime-only vue-i18n formats without compiling
 * (no `new Function` under the CSP). A new area: its two files and one line per language below.
 */
import glossaryTerms from './glossary.json';
import enCommon from './locales/en/common.json';
import enHttp from './locales/en/http.json';
import enSockets from './locales/en/sockets.json';
import zhCommon from './locales/zh-CN/common.json';
import zhHttp from './locales/zh-CN/http.json';
import zhSockets from './locales/zh-CN/sockets.json';
import enStates from './locales/en/states.json';
import zhStates from './locales/zh-CN/states.json';
import enTimeline from './locales/en/timeline.json';
import zhTimeline from './locales/zh-CN/timeline.json';
import enProcesses from './locales/en/processes.json';
import zhProcesses from './locales/zh-CN/processes.json';
import enFirstRun from './locales/en/firstRun.json';
import zhFirstRun from './locales/zh-CN/firstRun.json';
// The lab's texts in Chinese (its English is its own: see labText.ts).
import zhLab from './locales/zh-CN/lab.json';
import enScenarios from './locales/en/scenarios.json';
import zhScenarios from './locales/zh-CN/scenarios.json';
import enPackets from './locales/en/packets.json';
import zhPackets from './locales/zh-CN/packets.json';
import enSettings from './locales/en/settings.json';
import zhSettings from './locales/zh-CN/settings.json';
import enConcurrency from './locales/en/concurrency.json';
import zhConcurrency from './locales/zh-CN/concurrency.json';
import enConcurrencyTiming from './locales/en/concurrencyTiming.json';
import zhConcurrencyTiming from './locales/zh-CN/concurrencyTiming.json';
import enBlocking from './locales/en/blocking.json';
import zhBlocking from './locales/zh-CN/blocking.json';
import enCoroutines from './locales/en/coroutines.json';
import zhCoroutines from './locales/zh-CN/coroutines.json';
import enForms from './locales/en/forms.json';
import zhForms from './locales/zh-CN/forms.json';
import enPools from './locales/en/pools.json';
import zhPools from './locales/zh-CN/pools.json';
import enQueues from './locales/en/queues.json';
import zhQueues from './locales/zh-CN/queues.json';
import enMachine from './locales/en/machine.json';
import zhMachine from './locales/zh-CN/machine.json';
import enExperiments from './locales/en/experiments.json';
import zhExperiments from './locales/zh-CN/experiments.json';
import type { Locale } from './locale.js';

/** Messages as the build hands them over: ASTs (typed by resolveJsonModule as their source strings). */
export interface Catalog {
  [key: string]: string | Catalog;
}

const areas: Record<Locale, Catalog> = {
  en: {
    common: enCommon,
    settings: enSettings,
    scenarios: enScenarios,
    firstRun: enFirstRun,
    processes: enProcesses,
    timeline: enTimeline,
    states: enStates,
    http: enHttp,
    sockets: enSockets,
    packets: enPackets,
    machine: enMachine,
    forms: enForms,
    pools: enPools,
    queues: enQueues,
    concurrency: enConcurrency,
    concurrencyTiming: enConcurrencyTiming,
    blocking: enBlocking,
    coroutines: enCoroutines,
    experiments: enExperiments,
  },
  'zh-CN': {
    common: zhCommon,
    settings: zhSettings,
    scenarios: zhScenarios,
    lab: zhLab,
    firstRun: zhFirstRun,
    processes: zhProcesses,
    timeline: zhTimeline,
    states: zhStates,
    http: zhHttp,
    sockets: zhSockets,
    packets: zhPackets,
    machine: zhMachine,
    forms: zhForms,
    pools: zhPools,
    queues: zhQueues,
    concurrency: zhConcurrency,
    concurrencyTiming: zhConcurrencyTiming,
    blocking: zhBlocking,
    coroutines: zhCoroutines,
    experiments: zhExperiments,
  },
};

/** The glossary's terms in one language: `glossary.zombie` is 'zombie' or '僵尸进程'. */
const glossaryIn = (locale: Locale): Catalog =>
  Object.fromEntries(Object.entries(glossaryTerms).map(([id, term]) => [id, term[locale]]));

export const messages: Record<Locale, Catalog> = {
  en: { ...areas.en, glossary: glossaryIn('en') },
  'zh-CN': { ...areas['zh-CN'], glossary: glossaryIn('zh-CN') },
};

/** What a dotted key names in a catalog (a compiled message, or a branch of them), or null. */
export function lookUp(catalog: unknown, key: string): unknown {
  let node = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return node === undefined ? null : node;
}
