import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.CAUSEWAY_API_URL ?? 'http://127.0.0.1:3000';

/** The web app: built into apps/web/dist (served by the API at /); `npm run dev:web` proxies the API. */
// `npm run build:web` sets NODE_ENV=production: a build started from the tests (NODE_ENV=test) is a production build too.
export default defineConfig(() => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  css: { modules: { localsConvention: 'camelCaseOnly' as const } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 300,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      '/auth': { target: api, changeOrigin: false },
      '/health': { target: api },
    },
  },
}));
