/**
 * `npm run test:deploy`: runs every `sh` block of docs/deploy.md, in order,
 * in one bash (`set -euo pipefail`) in a fresh folder, with `cityhall` being
 * this checkout's command, against the PostgreSQL of CITYHALL_PG_URL (a fresh
 * database, dropped at the end) and the NATS of CITYHALL_NATS_URL. Without
 * them it says so in one line and exits 0 (so a machine without the services
 * still runs `npm test`); `.ci/run` sets both and fails when one is down.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))
const pg = process.env.CITYHALL_PG_URL
const nats = process.env.CITYHALL_NATS_URL
if (pg === undefined || nats === undefined) {
  console.log(
    "test:deploy skipped: set CITYHALL_PG_URL=postgres://postgres@127.0.0.1:5432/test and CITYHALL_NATS_URL=nats://127.0.0.1:4222 to run docs/deploy.md"
  )
  process.exit(0)
}

const doc = readFileSync(join(root, "docs/deploy.md"), "utf8")
const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
if (blocks.length < 6) throw new Error(`docs/deploy.md: expected its sh blocks, found ${blocks.length}`)

const url = new URL(pg)
const database = `cityhall_deploy_${process.pid}`
const dir = mkdtempSync(join(tmpdir(), "cityhall-deploy-"))
const env = {
  ...process.env,
  PGHOST: url.hostname,
  PGPORT: url.port || "5432",
  PGUSER: decodeURIComponent(url.username) || "postgres",
  CITYHALL_DATABASE: database,
  NATS_URL: nats,
  NO_COLOR: "1"
}
// `cityhall` is an executable on PATH that execs Node (not a shell function: `cityhall serve &` must leave the
// server's own pid in $!, so that the doc's `kill` and the trap below stop it)
const bin = join(dir, ".bin")
mkdirSync(bin)
writeFileSync(
  join(bin, "cityhall"),
  `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --import ${JSON.stringify(pathToFileURL(join(root, "node_modules/tsx/dist/esm/index.mjs")).href)} ${JSON.stringify(join(root, "adapters/cli/main.ts"))} "$@"\n`
)
chmodSync(join(bin, "cityhall"), 0o755)
const preamble = [
  "set -euo pipefail",
  `export PATH=${JSON.stringify(bin)}:"$PATH"`,
  // the servers die with the script, whatever happens
  'trap \'for f in serve-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2> /dev/null || true; done\' EXIT'
].join("\n")
const script = [preamble, ...blocks.map((b, i) => `echo "== docs/deploy.md, block ${i + 1}"\n${b}`)].join("\n")

const started = Date.now()
const result = spawnSync("bash", ["-c", script], {
  cwd: dir,
  env: { ...env, NODE_PATH: join(root, "node_modules") },
  stdio: "inherit",
  timeout: 300_000
})
try {
  execFileSync("dropdb", ["-h", env.PGHOST, "-p", env.PGPORT, "-U", env.PGUSER, "--if-exists", "--force", database])
} catch (e) {
  console.error(`test:deploy: dropping ${database}: ${e instanceof Error ? e.message : String(e)}`)
}
if (result.status !== 0) {
  console.error(`test:deploy: docs/deploy.md failed (exit ${result.status ?? result.signal}) in ${dir}`)
  process.exit(1)
}
console.log(
  `test:deploy: the ${blocks.length} steps of docs/deploy.md ran in ${((Date.now() - started) / 1000).toFixed(1)} s`
)
