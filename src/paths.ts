import { fileURLToPath } from 'node:url';

/** The package's own data folder (bundled lists and the seed article); same depth from src/ and dist/. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
