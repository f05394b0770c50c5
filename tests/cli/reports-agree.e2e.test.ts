/**
 * One report model (issue 17): the same year's annual report is the same
 * document on every path into one store — the CLI's `report annual
 * --format json` (a spawned process), the HTTP API's
 * `GET /reports/annual/{year}?format=json` (`Server.webHandler` in process),
 * `serve`'s report page and the `demo` command's own report — on the demo
 * store, and on a store written only through the HTTP API (appeals
 * registered, submitted, assigned and answered, plans with their reports,
 * a reception card that became an oral appeal, a meeting question, an
 * election calendar).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Reports from "../../adapters/cli/internal/Reports.js"
import * as PagesServer from "../../adapters/cli/internal/Server.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as Election from "../../src/elections/Election.js"
import * as Reference2021 from "../../src/elections/Reference2021.js"
import * as Task from "../../src/elections/Task.js"
import * as Template from "../../src/elections/Template.js"
import type { DivisionId } from "../../src/kernel/Ids.js"
import { card, doneReport, instruct, seedMeetings, seedPlans } from "../adapters/http/fixtures.js"
import { type Answer, people, registration, start, submission } from "../adapters/http/harness.js"
import { cityhall, cityhallAll, type Spawned } from "./spawn.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-agree-"))
const demoDb = join(dir, "demo.sqlite")
const httpDb = join(dir, "http.sqlite")
/** The harness's today (2021-03-15): the HTTP-only store's report is asked as of it on every path. */
const AS_OF = "2021-03-15"

/** A JSON answer as the CLI prints it: the same text, ending with a newline. */
const asPrinted = (a: Answer): string => (a.text.endsWith("\n") ? a.text : `${a.text}\n`)

const runs: Record<string, Spawned> = {}
const http: Record<string, Answer> = {}
const pages: Record<string, string> = {}

/** Writes a city's year through the HTTP API only; every write must be accepted. */
const writeThroughHttp = async (s: Awaited<ReturnType<typeof start>>) => {
  const ok = async (who: (typeof people)[keyof typeof people], method: string, path: string, body?: unknown) => {
    const r = await s.call(method, path, { who, ...(body === undefined ? {} : { body }) })
    expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300)
    return r
  }
  await seedPlans(s)
  await ok(people.admin, "POST", "/plans/M-2021-03/monthly-reports", doneReport("r-1", ["a-1"]))
  await seedMeetings(s)
  await ok(people.clerk, "POST", "/receptions/rc-1/cards", card("c-1"))
  await ok(people.admin, "POST", "/meetings/m-1/questions/q-1/disposition", instruct("i-1"))
  for (let n = 1; n <= 4; n++) {
    await ok(people.clerk, "POST", "/appeals", registration(`A-${n}`, n, n % 2 === 0 ? { channel: "electronic" } : {}))
    await ok(people.clerk, "POST", `/appeals/A-${n}/assign`, { division: n === 4 ? "housing" : "economy" })
  }
  await ok(people.head, "POST", "/appeals/A-1/answer", { result: "explained", form: "electronic" })
  await ok(people.citizen, "POST", "/appeals/submissions", submission())
  const election = Schema.encodeSync(Election.Election)(Reference2021.stateDuma)
  const tasks = Template.withDivisions(Template.tasks, { property: "economy" as DivisionId }).map((t) =>
    Schema.encodeSync(Task.TaskDefinition)(t)
  )
  await ok(people.admin, "POST", "/elections/calendars/cal-1/elections", { election })
  await ok(people.admin, "POST", "/elections/calendars/cal-1/tasks", { election: election.id, tasks })
}

beforeAll(async () => {
  // the demo store (its own report printed as JSON), and a store written only over HTTP
  runs.demo = await cityhall(["demo", "--db", demoDb, "--format", "json"])
  const w = await start({ store: SqliteStore.layer({ filename: httpDb }) })
  try {
    await writeThroughHttp(w)
    for (const lang of ["ru", "en"] as const)
      http[`written-${lang}`] = await w.call("GET", `/reports/annual/2021?format=json&lang=${lang}&asOf=${AS_OF}`, {
        who: people.admin
      })
  } finally {
    await w.close()
  }
  const spawned = await cityhallAll([
    ["report", "annual", "--year", "2020", "--db", demoDb, "--format", "json"],
    ["report", "annual", "--year", "2020", "--db", demoDb, "--format", "json", "--lang", "en"],
    ["report", "annual", "--year", "2021", "--as-of", AS_OF, "--db", httpDb, "--format", "json"],
    ["report", "annual", "--year", "2021", "--as-of", AS_OF, "--db", httpDb, "--format", "json", "--lang", "en"]
  ])
  ;["demo-ru", "demo-en", "written-ru", "written-en"].forEach((k, i) => (runs[k] = spawned[i]!))
  // the HTTP API and serve's pages on the demo store
  const d = await start({ store: SqliteStore.layer({ filename: demoDb }) })
  try {
    for (const lang of ["ru", "en"] as const)
      http[`demo-${lang}`] = await d.call("GET", `/reports/annual/2020?format=json&lang=${lang}`, {
        who: people.controller
      })
    const records = await d.runtime.runPromise(Effect.orDie(Reports.records))
    for (const lang of ["ru", "en"] as const)
      pages[`demo-${lang}`] = PagesServer.respond(records, `/report/2020.json?lang=${lang}`).body
  } finally {
    await d.close()
  }
}, 900_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("one store, one annual report on every path", () => {
  it("the demo store: the CLI's report annual, the HTTP API's /reports/annual/2020, serve's /report/2020.json and the demo's own report are the same document, in Russian and English", () => {
    expect([runs.demo!.code, runs["demo-ru"]!.code, runs["demo-en"]!.code]).toEqual([0, 0, 0])
    for (const lang of ["ru", "en"] as const) {
      const cli = runs[`demo-${lang}`]!.stdout
      const api = http[`demo-${lang}`]!
      expect(api.status, api.text).toBe(200)
      expect(asPrinted(api)).toBe(cli)
      expect(pages[`demo-${lang}`]).toBe(cli)
      const doc = JSON.parse(cli) as { readonly lang: string; readonly sections: ReadonlyArray<{ heading: string }> }
      expect(doc.lang).toBe(lang)
    }
    // every section of the annual report: the demo has records of each (issue 21), and the tasks for 2021 last
    const headings = (JSON.parse(runs["demo-ru"]!.stdout) as { readonly sections: ReadonlyArray<{ heading: string }> })
      .sections
    expect(headings.map((s) => s.heading)).toEqual([
      "Личный приём граждан",
      "Работа с обращениями граждан",
      "Информационные встречи с населением",
      "Планирование и контроль",
      "Подготовка и проведение выборов",
      "Информационная работа",
      "Контроль исполнения бюджета муниципальных программ",
      "Методическая работа",
      "Обеспечение деятельности городской Думы",
      "Задачи на 2021 год"
    ])
    expect(runs.demo!.stdout).toBe(runs["demo-ru"]!.stdout)
    // the divisions are named by the organisation the demo stored
    expect(runs["demo-ru"]!.stdout).toContain("Управление жилищно-коммунального хозяйства")
    expect(runs["demo-en"]!.stdout).toContain("Housing and utilities directorate")
  })

  it("a store written only through the HTTP API: the CLI's report annual and the HTTP API's answer the same document, in Russian and English", () => {
    for (const lang of ["ru", "en"] as const) {
      const cli = runs[`written-${lang}`]!
      const api = http[`written-${lang}`]!
      expect([cli.code, cli.stderr]).toEqual([0, ""])
      expect(api.status, api.text).toBe(200)
      expect(asPrinted(api)).toBe(cli.stdout)
    }
    const doc = JSON.parse(runs["written-en"]!.stdout) as { readonly sections: ReadonlyArray<{ heading: string }> }
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Personal receptions",
      "Citizens' appeals",
      "Information meetings with residents",
      "Planning and control",
      "Elections"
    ])
    // no organisation was stored: the divisions print as their ids
    expect(runs["written-ru"]!.stdout).toContain('"economy"')
  })
})
