// A render thread's entry. The project runs its TypeScript through tsx; a worker thread started from
// a test runner (vitest) has no loader, so it registers tsx before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
