import type { Component } from 'vue';
import type { ScenarioResultKind } from '../../../shared/schemas/scenario.js';
import DeadlockPanel from './DeadlockPanel.vue';
import LocksPanel from './LocksPanel.vue';
import RacePanel from './RacePanel.vue';
import EventLoopBlockPanel from './timing/EventLoopBlockPanel.vue';
import GilPanel from './timing/GilPanel.vue';
import SpeedupPanel from './timing/SpeedupPanel.vue';
import BlockingPanel from './waits/BlockingPanel.vue';
import CoroutinesPanel from './waits/CoroutinesPanel.vue';

/**
 * The panel that draws each result kind, given `result` (that kind's latest) and `runId` as props; a kind
 * not listed yet is not drawn (scripts still read it from scenarios.results).
 */
export const resultPanels: Partial<Record<ScenarioResultKind, Component>> = {
  race: RacePanel,
  locks: LocksPanel,
  deadlock: DeadlockPanel,
  'event-loop-block': EventLoopBlockPanel,
  gil: GilPanel,
  speedup: SpeedupPanel,
  blocking: BlockingPanel,
  coroutines: CoroutinesPanel,
};
