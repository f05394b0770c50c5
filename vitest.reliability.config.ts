import { defineConfig } from "vitest/config"

// The reliability suite (`npm run test:reliability`): fuzzing of every entry
// point that decodes outside data, concurrency and faults against the real
// PostgreSQL and NATS, security of stored text. Same zone as `npm test`.
process.env.TZ = "America/Sao_Paulo"

export default defineConfig({
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The fault tests stop and start the shared NATS server and kill PostgreSQL
    // backends: one file at a time.
    fileParallelism: false
  }
})
