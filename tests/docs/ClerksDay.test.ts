/**
 * docs/appeals.md, "A clerk's day": the block runs exactly as written (its
 * `cityhall` imports pointed at the sources), and what it returns is the
 * day the section tells: the due date, the executors, the notice of the
 * extension, the search, the due-soon list, the answer's outgoing number
 * and the journal's line.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"

const root = join(__dirname, "../..")

/** The section's TypeScript block, its imports resolved to the repository's sources. */
const block = (): string => {
  const doc = readFileSync(join(root, "docs/appeals.md"), "utf8")
  const start = doc.indexOf("```ts\n// the clerk's day\n")
  expect(start, "docs/appeals.md has the clerk's day block").toBeGreaterThan(0)
  const code = doc.slice(start + "```ts\n".length, doc.indexOf("\n```", start + 6))
  return code
    .replace(/from "cityhall\/adapters\/memory"/, `from ${JSON.stringify(join(root, "adapters/memory/index.ts"))}`)
    .replace(/from "cityhall"/, `from ${JSON.stringify(join(root, "src/index.ts"))}`)
}

describe("docs/appeals.md: a clerk's day", () => {
  it("runs as written: register, assign to executors, extend with a notice, search, due soon, answer with a number, export", async () => {
    const dir = join(root, ".doc-examples")
    mkdirSync(dir, { recursive: true })
    const file = join(dir, "clerks-day.run.ts")
    writeFileSync(file, block())
    const { day } = (await import(file)) as { day: Effect.Effect<Record<string, unknown>> }
    const r = (await Effect.runPromise(day)) as unknown as {
      registered: { state: { dues: { answer: string } } }
      extended: { state: { dues: { answer: string }; executors?: unknown; notices: ReadonlyArray<unknown> } }
      found: { items: ReadonlyArray<{ appealId: string }> }
      soon: { items: ReadonlyArray<{ appealId: string; answerDue: string; dueKind: string; due: string }> }
      answered: { state: { _tag: string; answerDocument?: { outgoingNumber: string; signedBy: string } } }
      csv: ReadonlyArray<string>
    }
    // registered Monday 15 March: 30 days end Wednesday 14 April (59-FZ art. 12 p. 1)
    expect(r.registered.state.dues.answer).toBe("2021-04-14")
    // extended by 30 days (art. 12 p. 2): Friday 14 May; the notice recorded with its day
    expect(r.extended.state.dues.answer).toBe("2021-05-14")
    expect(JSON.stringify(r.extended.state)).toContain('"sentOn":"2021-03-15"')
    expect(JSON.stringify(r.extended.state)).toContain("sidorov")
    expect(r.found.items.map((i) => i.appealId)).toEqual(["A-1"])
    expect(r.soon.items).toMatchObject([
      { appealId: "A-1", answerDue: "2021-05-14", dueKind: "answer", due: "2021-05-14" }
    ])
    expect(r.answered.state._tag).toBe("Closed")
    expect(JSON.stringify(r.answered.state)).toContain("Исх-2021-00001")
    expect(r.csv).toHaveLength(1)
    expect(r.csv[0]).toContain("ОГ-2021-00001")
    expect(r.csv[0]).not.toContain("Иванова")
  })
})
