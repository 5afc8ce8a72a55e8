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
    // Ant Design renders slowly in jsdom on a loaded two-core machine: time, not speed, is not under test.
    testTimeout: 30_000,
  },
});
