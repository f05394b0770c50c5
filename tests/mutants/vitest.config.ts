import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// The mutation run (`npm run test:mutants`, scripts/mutants.ts): one kit test
// file per mutant under .mutants/, written by the script. Same zone as `npm test`.
process.env.TZ = "America/Sao_Paulo"

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: [".mutants/**/kit.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // two workers: the machine has two cores
    poolOptions: { forks: { maxForks: 2, minForks: 1 } }
  }
})
