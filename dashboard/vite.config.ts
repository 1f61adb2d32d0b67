import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built app goes where Maven packs it: the dashboard jar's static/ folder, which the gateway serves at /.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/app-config.json': 'http://localhost:8080' },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
