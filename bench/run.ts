/**
 * `npm run bench [-- --quick] [-- --only=kernel|core|storage|http|scaling]`: runs every benchmark suite and prints one JSON
 * document to stdout (also written to bench/results.json, not committed).
 */
import { writeFileSync } from "node:fs"
import os from "node:os"
import { run as core } from "./core.js"
import { run as kernel } from "./kernel.js"
import { run as http } from "./http.js"
import { run as scaling } from "./scaling.js"
import { run as storage } from "./storage.js"

const quick = process.argv.includes("--quick")
const started = new Date().toISOString()
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length)
const suites = {
  ...(only === undefined || only === "kernel" ? { kernel: kernel(quick) } : {}),
  ...(only === undefined || only === "core" ? { core: core(quick) } : {}),
  ...(only === undefined || only === "storage" ? { storage: await storage(quick) } : {}),
  ...(only === undefined || only === "http" ? { http: await http(quick) } : {}),
  ...(only === undefined || only === "scaling" ? { scaling: await scaling(quick) } : {})
}
const result = {
  started,
  quick,
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  suites
}
const json = JSON.stringify(result, null, 2)
writeFileSync(new URL("./results.json", import.meta.url), json + "\n")
console.log(json)
