import { defineConfig } from 'vitest/config';

// The hub to proxy API calls to when running `npm run dev`.
const hub = process.env.SLX_HUB_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // Absolute asset URLs: the hub serves the app at / with history-API fallback, so
  // /connectors/123 must still load /assets/...
  base: '/',
  // React's automatic JSX runtime through Vite's own esbuild transform (no React plugin).
  esbuild: {
    jsx: 'automatic',
  },
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    // The hub's CSP allows only same-origin scripts and styles: no inline polyfill, no
    // data: URLs for assets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" (for server components); harmless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': hub,
      '/health': hub,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
