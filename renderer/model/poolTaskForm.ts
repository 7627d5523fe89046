import type { TaskInfo } from '../../shared/schemas/process.js';
import { taskFormShape } from './spawnForm.js';


export interface PoolTaskChoice {
  id: string;
  title: string;
  doc: string;
  /** What the kwargs input shows before anything is typed: each kwarg with its default. */
  example: string;
}

/** The tasks a pool worker can run (the catalog marks them: those that return), each with an example of its kwargs. */
export function poolTaskChoices(catalog: readonly TaskInfo[]): PoolTaskChoice[] {
  return catalog
    .filter((info) => info.pool)
    .map((info) => {
      const { fields } = taskFormShape(info.kwargs);
      const example = fields.map((field) => `${field.name}=${field.default === undefined ? '…' : String(field.default)}`).join(', ');
      return { id: info.id, title: info.title, doc: info.doc, example };
    });
}
