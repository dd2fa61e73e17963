// Worker threads do not inherit `--import tsx` on Node 20: register the TypeScript loader
// here, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./screen-worker.ts');
