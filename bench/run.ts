/**
 * `npm run bench [-- --quick] [-- --only=kernel|core|storage|http|reports|instances|scaling|import|export]`: runs every benchmark suite and prints one JSON
 * document to stdout (also written to bench/results.json, not committed).
 */
import { writeFileSync } from "node:fs"
import os from "node:os"
import { performance } from "node:perf_hooks"
import { run as core } from "./core.js"
import { run as exports } from "./exports.js"
import { run as importEndToEnd } from "./import.js"
import { run as kernel } from "./kernel.js"
import { run as reports } from "./reports.js"
import { run as http } from "./http.js"
import { run as instances } from "./instances.js"
import { run as scaling } from "./scaling.js"
import { run as storage } from "./storage.js"

const quick = process.argv.includes("--quick")
const started = new Date().toISOString()
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length)
const seconds: Record<string, number> = {}
/** Runs a suite when selected, noting how long it took. */
const suite = async <A>(name: string, body: () => A | Promise<A>): Promise<Record<string, A>> => {
  if (only !== undefined && only !== name) return {}
  const t0 = performance.now()
  const figures = await body()
  seconds[name] = Number(((performance.now() - t0) / 1000).toFixed(1))
  return { [name]: figures }
}
const suites = {
  ...(await suite("kernel", () => kernel(quick))),
  ...(await suite("core", () => core(quick))),
  ...(await suite("storage", () => storage(quick))),
  ...(await suite("http", () => http(quick))),
  ...(await suite("reports", () => reports(quick))),
  ...(await suite("instances", () => instances(quick))),
  ...(await suite("scaling", () => scaling(quick))),
  ...(await suite("import", () => importEndToEnd(quick))),
  ...(await suite("export", () => exports(quick)))
}
const result = {
  started,
  quick,
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30)
  },
  seconds,
  suites
}
const json = JSON.stringify(result, null, 2)
writeFileSync(new URL("./results.json", import.meta.url), json + "\n")
console.log(json)
