import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";

// The app is built into dist/app and embedded in the Go binary (frontend/embed.go), with two pages:
// the app (index.html) and the GraphQL explorer (graphiql.html, served at /graphiql). The build
// script then precompresses the files (scripts/compress.mjs).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist/app",
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        graphiql: resolve(import.meta.dirname, "graphiql.html"),
      },
      output: {
        // Charts and the big component library load in their own chunks.
        // React and the helpers every part shares get chunks of their own: a module a captured
        // chunk imports would otherwise be pulled into it, and the explorer would load antd and
        // the charts for React and tslib.
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return "react";
          if (id.includes("node_modules/tslib")) return "tslib";
          if (id.includes("node_modules/echarts") || id.includes("node_modules/zrender")) return "charts";
          if (id.includes("node_modules/antd") || id.includes("node_modules/@ant-design") || id.includes("node_modules/rc-")) return "antd";
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { "/query": "http://localhost:8080" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    // Importing antd and building its styles is most of a file's cost: the files of a worker share
    // one module cache (src/test/setup.ts undoes what each test leaves behind).
    isolate: false,
    // A bound for a hung test, not a speed requirement: a busy machine may be many times slower.
    testTimeout: 120_000,
  },
});
