import { readdirSync } from "node:fs"
import { defineConfig } from "vitest/config"

// Date arithmetic must not depend on the machine's zone: tests run in a zone
// far from both UTC and Asia/Vladivostok, with a DST change, to catch any
// accidental use of the process-local time.
process.env.TZ = "America/Sao_Paulo"

/**
 * The three projects (`npm run test:core`, `test:adapters`, `test:e2e`;
 * `npm test` runs them all). A project is a list of folders of `tests/`,
 * plus single files; `except` leaves files to another project.
 *
 * - core: the pure core, in process — the areas' rules, deciders, models,
 *   reports, the demo city and the ports' machinery; the memory store (the
 *   reference adapter, a value in a Ref) is allowed, nothing that does I/O.
 * - adapters: the storage and transport adapters (memory, SQLite,
 *   PostgreSQL, NATS, HTTP), the conformance kit on each, the areas' read
 *   models over stores, the published entries.
 * - e2e: the command line, through its functions and as a child process.
 *
 * The reliability suite (tests/reliability) has its own config
 * (`npm run test:reliability`).
 */
interface Project {
  readonly folders: ReadonlyArray<string>
  readonly files: ReadonlyArray<string>
  readonly except: ReadonlyArray<string>
}

const projects: Record<"core" | "adapters" | "e2e", Project> = {
  core: {
    folders: [
      "kernel",
      "appeals",
      "planning",
      "meetings",
      "elections",
      "reporting",
      "budget",
      "duma",
      "information",
      "methodology",
      "demo",
      "ports",
      "administration",
      "app",
      "docs"
    ],
    files: [],
    except: ["ports/Projection.test.ts"] // runs every projection over SQLite too
  },
  adapters: { folders: ["adapters", "storage", "package"], files: ["ports/Projection.test.ts"], except: [] },
  e2e: { folders: ["cli"], files: [], except: [] }
}

const inProject = (p: Project, file: string): boolean =>
  p.files.includes(file) || (p.folders.some((f) => file.startsWith(`${f}/`)) && !p.except.includes(file))

// Every test file belongs to exactly one project: a new folder must be placed, not silently left out.
const testFiles = readdirSync(new URL("./tests", import.meta.url), { recursive: true, encoding: "utf8" })
  .map((f) => f.replaceAll("\\", "/"))
  .filter((f) => f.endsWith(".test.ts") && !f.startsWith("reliability/"))
for (const file of testFiles) {
  const owners = Object.entries(projects).filter(([, p]) => inProject(p, file))
  if (owners.length !== 1)
    throw new Error(
      `vitest.config.ts: tests/${file} is in ${owners.length === 0 ? "no project" : owners.map(([n]) => n).join(" and ")}; place it in exactly one`
    )
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["tests/support/setup.ts"],
    // threads: the core project only (see below); both cores, the main thread mostly waits
    poolOptions: { threads: { isolate: false, maxThreads: 2 } },
    projects: Object.entries(projects).map(([name, p]) => ({
      extends: true,
      test: {
        name,
        // The core's tests share nothing but pure modules: one module cache per worker instead of
        // one per file (loading effect and the core again for each of 75 files was most of the time).
        pool: name === "core" ? "threads" : "forks",
        include: [...p.folders.map((f) => `tests/${f}/**/*.test.ts`), ...p.files.map((f) => `tests/${f}`)],
        exclude: ["node_modules/**", ...p.except.map((f) => `tests/${f}`)]
      }
    }))
  }
})
