/**
 * The demo store over HTTP (issue 17): the plans the demo imported are the
 * plans the API knows — the control view of 2020 lists the overdue
 * activities the CLI report counts, and a plan item linked to an imported
 * program is accepted over HTTP — because the plan index is part of the
 * plan aggregate's read models, kept by every entry point.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Reporting } from "../../src/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { people, start } from "../adapters/http/harness.js"
import { cityhall } from "./spawn.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-demo-http-"))
const db = join(dir, "demo.sqlite")

type Control = {
  readonly overdue: ReadonlyArray<{ readonly activity: string; readonly division: string; readonly deadline: string }>
}
type Block = { readonly caption?: string; readonly rows?: ReadonlyArray<ReadonlyArray<unknown>> }
type Doc = { readonly sections: ReadonlyArray<{ readonly heading: string; readonly blocks: ReadonlyArray<Block> }> }

beforeAll(async () => {
  const demo = await cityhall(["demo", "--db", db, "--format", "json"])
  expect(demo.code, demo.stderr).toBe(0)
}, 600_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the demo store over HTTP", () => {
  it("the control view of 2020 lists the overdue activities of the imported monthly plans, as the CLI report counts them", async () => {
    const s = await start({ store: SqliteStore.layer({ filename: db }) })
    try {
      const mid = await s.call("GET", "/plans/control?on=2020-06-30", { who: people.admin })
      expect(mid.status, mid.text).toBe(200)
      expect((mid.body as Control).overdue.length).toBeGreaterThan(0)
      const end = await s.call("GET", "/plans/control?on=2020-12-31", { who: people.admin })
      const report = await cityhall(["report", "annual", "--year", "2020", "--format", "json", "--db", db])
      expect(report.code, report.stderr).toBe(0)
      // the report's table of activities not done in time (title, division, deadline)
      const table = (JSON.parse(report.stdout) as Doc).sections
        .flatMap((x) => x.blocks)
        .find((b) => b.caption === "Невыполненные в срок мероприятия")
      const reported = (table?.rows ?? []).map((r) => String(r[2]))
      expect(reported.length).toBeGreaterThan(0)
      // every deadline the report counts as missed is a deadline the control view of 31 December finds overdue
      // (the report writes days as official documents do: «20 января 2020 г.»)
      const overdue = new Set((end.body as Control).overdue.map((r) => Reporting.Dates.day("ru", r.deadline)))
      for (const deadline of reported) expect(overdue.has(deadline), deadline).toBe(true)
    } finally {
      await s.close()
    }
  })

  it("an annual-plan item linked to an imported program is accepted over HTTP; one linked to no program is refused", async () => {
    const s = await start({ store: SqliteStore.layer({ filename: db }) })
    try {
      const amend = await s.call("POST", "/plans/annual-2020/amend", {
        who: people.clerk,
        body: { reason: "Дополнение плана" }
      })
      expect(amend.status, amend.text).toBe(200)
      const item = (program: string) => ({
        node: {
          _tag: "PlanItem",
          id: `item-extra-${program}`,
          title: "Дополнительное мероприятие программы",
          division: "economy",
          period: "2020",
          link: { _tag: "Program", id: program }
        }
      })
      const linked = await s.call("POST", "/plans/annual-2020/nodes", { who: people.clerk, body: item("prog-roads") })
      expect(linked.status, linked.text).toBe(200)
      const orphan = await s.call("POST", "/plans/annual-2020/nodes", { who: people.clerk, body: item("prog-none") })
      expect(orphan.status).toBe(422)
      expect(orphan.text).toContain("prog-none")
    } finally {
      await s.close()
    }
  })
})
