/**
 * Runs cleanup steps one after another; a step that fails is reported and the rest still run,
 * for a process or a folder left behind is worse than an error message.
 */
export async function runEveryStep(steps: readonly (readonly [name: string, step: () => unknown])[], onFailure: (name: string, error: Error) => void): Promise<void> {
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      onFailure(name, error instanceof Error ? error : new Error(String(error)));
    }
  }
}
