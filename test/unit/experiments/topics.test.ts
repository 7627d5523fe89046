/**
 * The course table against the syllabus and the lab: every question of both parts is a topic in order, and every
 * experiment names something this build has — a scenario of the registry, a built-in task, a route of the mini
 * server that answers its method.
 */
import { describe, expect, test } from 'vitest';
import { topics } from '../../../shared/experiments/topics.js';
import { Topic } from '../../../shared/schemas/experiments.js';
import { routes } from '../../../electron/lab/http/routes/routeTable.js';
import { taskInfos } from '../../../electron/lab/processes/taskCatalog.js';
import { scenarios } from '../../../electron/lab/scenarios/index.js';

const experiments = topics.flatMap((topic) => topic.experiments.map((experiment) => ({ topic: topic.id, ...experiment })));

describe('the course', () => {
  test('has the syllabus’s 31 questions, 12 of systems programming and 19 of network programming, in its order', () => {
    expect(topics.filter((topic) => topic.part === 'systems').map((topic) => topic.question)).toEqual([...Array(12).keys()].map((index) => index + 1));
    expect(topics.filter((topic) => topic.part === 'network').map((topic) => topic.question)).toEqual([...Array(19).keys()].map((index) => index + 1));
    expect(topics.findIndex((topic) => topic.part === 'network')).toBe(12);
  });

  test('is what the contract declares, with ids unique and texts in both languages', () => {
    for (const topic of topics) expect(Topic.safeParse(topic).success, topic.id).toBe(true);
    expect(new Set(topics.map((topic) => topic.id)).size).toBe(topics.length);
    for (const topic of topics) expect(new Set(topic.experiments.map((experiment) => experiment.id)).size, topic.id).toBe(topic.experiments.length);
    const texts = topics.flatMap((topic) => [topic.title, topic.teaches, ...(topic.limits ? [topic.limits] : []), ...topic.experiments.map((experiment) => experiment.watch)]);
    for (const text of texts) {
      expect(text.en.trim(), JSON.stringify(text)).not.toBe('');
      // The Chinese text is Chinese: at least one CJK character, not an English copy.
      expect(/[\u4e00-\u9fff]/.test(text.zh) || text.zh === text.en, JSON.stringify(text)).toBe(true);
    }
    expect(topics.every((topic) => topic.experiments.length > 0)).toBe(true);
  });

  test('names only scenarios of the registry', () => {
    const known = new Set(scenarios.map((scenario) => scenario.info.id));
    const named = experiments.flatMap((experiment) => (experiment.action.kind === 'scenario' ? [`${experiment.topic}: ${experiment.action.scenario}`] : []));
    expect(named.filter((entry) => !known.has(entry.split(': ')[1] as string))).toEqual([]);
  });

  test('names only built-in tasks, with kwargs they accept', () => {
    const tasks = new Set(taskInfos().map((task) => task.id));
    for (const experiment of experiments) if (experiment.action.kind === 'task') expect(tasks.has(experiment.action.task), experiment.id).toBe(true);
  });

  test('sends requests only to routes that answer their method', () => {
    const answers = (method: string, path: string): boolean => {
      const route = routes.find((candidate) => (candidate.path.endsWith('*') ? path.startsWith(candidate.path.slice(0, -1)) : candidate.path === path.split('?')[0]));
      // The route table answers OPTIONS for every route.
      return route !== undefined && (method === 'OPTIONS' || route.methods.includes(method));
    };
    const refused = experiments.flatMap((experiment) =>
      experiment.action.kind === 'request' && !answers(experiment.action.method, experiment.action.path) ? [`${experiment.action.method} ${experiment.action.path}`] : [],
    );
    expect(refused).toEqual([]);
  });
});
