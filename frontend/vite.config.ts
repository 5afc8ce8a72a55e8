import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The app is built into dist/app and embedded in the Go binary (frontend/embed.go).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist/app",
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // Charts and the big component library load in their own chunks.
        manualChunks(id) {
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
