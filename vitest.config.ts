import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Replay tests start real runners (curl, newman, tsc, python3); give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
