import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The hub the dev server forwards API calls to (`npm start` listens on 4000). */
const hub = process.env.HUB_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed names under assets/ let the server cache them for a year; index.html is never cached.
    assetsDir: 'assets',
    // Libraries change less often than the console: separate files keep them cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|immer|reselect|es-toolkit|decimal\.js-light)[\\/]/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: hub, ws: true, changeOrigin: true },
      '/exports': { target: hub, changeOrigin: true },
      '/healthz': { target: hub, changeOrigin: true },
    },
  },
});
