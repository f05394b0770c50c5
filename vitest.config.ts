import { defineConfig } from "vitest/config"

// Date arithmetic must not depend on the machine's zone: tests run in a zone
// far from both UTC and Asia/Vladivostok, with a DST change, to catch any
// accidental use of the process-local time.
process.env.TZ = "America/Sao_Paulo"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/reliability/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks"
  }
})
