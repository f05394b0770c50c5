import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// The Redis example adapter's kit, run from the consumer project: `cityhall`
// is the installed tarball (npm run test:consumer writes generated/).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    include: ["generated/redis-adapter/test/RedisStore.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks"
  }
})
