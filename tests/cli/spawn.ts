/**
 * Runs `cityhall` as a user does: a separate Node process on
 * `adapters/cli/main.ts` through tsx, with the test's environment (so TZ is
 * America/Sao_Paulo, see vitest.config.ts).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** What a spawned run answers. */
export interface Spawned {
  readonly args: ReadonlyArray<string>
  readonly stdout: string
  readonly stderr: string
  readonly code: number
  readonly ms: number
}

const root = fileURLToPath(new URL("../../", import.meta.url))

/** Spawns `cityhall ...args`. */
export const cityhall = (args: ReadonlyArray<string>): Promise<Spawned> => {
  const started = Date.now()
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "adapters/cli/main.ts", ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ args, stdout, stderr, code, ms: Date.now() - started })
      }
    )
  })
}

/** Spawns several command lines, at most `limit` at a time; answers in the order given. */
export const cityhallAll = async (
  lines: ReadonlyArray<ReadonlyArray<string>>,
  limit = 4
): Promise<ReadonlyArray<Spawned>> => {
  const out: Array<Spawned> = new Array<Spawned>(lines.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < lines.length) {
      const i = next++
      out[i] = await cityhall(lines[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, lines.length) }, worker))
  return out
}

/** A `cityhall serve` process that listens: its base URL, the process, and what it wrote to stderr so far. */
export interface Served {
  readonly url: string
  readonly child: ChildProcess
  readonly stderr: () => string
}

/**
 * Starts `cityhall serve --port 0 ...args` and answers once it prints the
 * address it listens on; rejects with its stderr when it exits first. The
 * caller stops it (`child.kill()`); `env` is added to the test's environment.
 */
export const serve = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}): Promise<Served> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "adapters/cli/main.ts", "serve", "--port", "0", ...args],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: "1", ...env }
      }
    )
    let out = ""
    let err = ""
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString()
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) resolve({ url: m[1]!, child, stderr: () => err })
    })
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString()
    })
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
  })
