// Piscina worker bootstrap: enables TypeScript in this thread (tsx), then
// hands Piscina the batch runner.
import { register } from 'tsx/esm/api';

register();
const { default: runBatch } = await import('./worker-task.ts');
export default runBatch;
