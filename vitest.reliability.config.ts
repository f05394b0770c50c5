import { defineConfig } from "vitest/config"

// The reliability suite (`npm run test:reliability`): fuzzing of every entry
// point that decodes outside data, concurrency and faults against the real
// PostgreSQL and NATS, security of stored text. Same zone as `npm test`.
process.env.TZ = "America/Sao_Paulo"

export default defineConfig({
  test: {
    // the 10,000-request HTTP fuzz also runs in `npm test` (it is fast); it belongs to this suite too
    include: ["tests/reliability/**/*.test.ts", "tests/adapters/http/fuzz.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: "forks",
    setupFiles: ["tests/support/setup.ts"],
    // The fault tests stop and start the shared NATS server and kill PostgreSQL
    // backends: one file at a time.
    fileParallelism: false
  }
})
