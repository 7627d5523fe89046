import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

export const exitTask = defineTask({
  id: 'exit',
  title: 'Exit',
  doc: 'Exits at once with the given code, as sys.exit(code) would: the parent reads it from waitpid.',
  argsDoc: '',
  kwargs: z
    .object({ code: z.number().int().min(0).max(255).default(0).describe('The exit code.') })
    .strict(),
  run: (_args, { code }) => {
    process.exitCode = code;
  },
});
