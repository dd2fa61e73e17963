import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by `proscribe serve` from dist/ui; during development `vite` proxies the API.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '^/(screen|documents|facts|decisions|entities|listings|lists|export|imports|keys|health|openapi.json)': 'http://127.0.0.1:8080' } },
});
