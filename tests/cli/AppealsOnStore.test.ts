/**
 * `cityhall appeals due-soon` and `cityhall appeals search` in process, on a
 * SQLite store imported from the demo city's appeals: the same answers as
 * the use cases over the same store (every page gathered), what open
 * appeals have due within the window (answers, and notices of the appeals
 * not yet accepted for consideration; of one executor), the found appeals containing the words; bad
 * input refused naming the option (exit code 1) or as usage (exit code 2).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Either, Redacted, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Db from "../../adapters/cli/internal/Db.js"
import { App, Appeals, Calendar, Demo, type Ids, Period, Ports } from "../../src/index.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-appeals-"))
const db = join(dir, "city.sqlite")
const cli = (...args: ReadonlyArray<string>) => Effect.runPromise(run(args))
const system = App.Principal.system("test")
const city = App.City.layerOf(App.City.reference)

let appeals: ReadonlyArray<Format.ImportRecord> = []
const HOUSING_DIVISION = "housing" as Ids.DivisionId
const EXECUTOR = "ivanov" as Ids.OfficialId
let assigned = ""
beforeAll(async () => {
  const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
  appeals = Demo.Generator.generate({ seed: 2020 })
    .records.filter((r) => r.kind === "appeal")
    .filter((_, i) => i % 10 === 0)
  const file = join(dir, "appeals.jsonl")
  writeFileSync(file, `${appeals.map((r) => encode(r)).join("\n")}\n`)
  const r = await cli("import", file, "--db", db)
  expect(r.exitCode, r.stderr).toBe(0)
  // the demo's appeals are all answered: a few open ones, registered today, due within the next 60 days
  const submit = (text: string, name: string) =>
    App.Appeals.submit(system, {
      text: Redacted.make(text),
      topics: ["0005.0005.0056.1134" as Appeals.Topic.AppealTopicCode],
      applicant: new Appeals.Appeal.Applicant({ name: Redacted.make(name), email: Redacted.make("a@example.ru") })
    })
  // the first is assigned to housing with an executor: the others stay not accepted for consideration
  await Effect.runPromise(
    Db.withStore(
      db,
      false,
      Effect.gen(function* () {
        const [first] = yield* Effect.forEach(
          [
            ["Подъезд не убирают", "Сидоров"],
            ["Лифт не работает неделю", "Петрова"],
            ["Яма на дороге у школы", "Иванов"]
          ],
          ([t, n]) => submit(t!, n!)
        )
        const id = first!.state.appeal.appealId
        yield* App.Appeals.act(system, "assignAppeal", id, (c) =>
          Appeals.AppealCommand.AssignToDivision.make({ ...c, division: HOUSING_DIVISION })
        )
        yield* App.Appeals.act(system, "assignExecutors", id, (c) =>
          Appeals.AppealCommand.AssignExecutors.make({
            ...c,
            executor: { official: EXECUTOR, division: HOUSING_DIVISION },
            coExecutors: []
          })
        )
        assigned = id
      }).pipe(Effect.provide(city))
    )
  )
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ids = (out: string) =>
  (JSON.parse(out) as { items: ReadonlyArray<{ appealId: string }> }).items.map((i) => i.appealId)

describe("cityhall appeals due-soon", () => {
  it("without --on, from today: the appeals registered today are due within 60 days, the two not accepted with their notices", async () => {
    const r = await cli("appeals", "due-soon", "--within", "60", "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { items: ReadonlyArray<{ appealId: string; dueKind: string; due: string }> }
    expect(out).toMatchObject({ count: 5, within: 60, executor: null })
    // 59-FZ art. 8 p. 3, art. 11: the notice within 7 days of registration, before the answer's 30
    expect(out.items.filter((i) => i.dueKind === "notice").map((i) => i.appealId)).not.toContain(assigned)
    for (const i of out.items.filter((i) => i.dueKind === "notice"))
      expect(i.due < out.items.find((a) => a.appealId === i.appealId && a.dueKind === "answer")!.due).toBe(true)
  })

  it("--executor keeps the appeals whose executor the official is, as the use case answers them", async () => {
    const r = await cli("appeals", "due-soon", "--within", "60", "--executor", EXECUTOR, "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {
      items: ReadonlyArray<{ appealId: string; dueKind: string; executor: string; division: string }>
    }
    expect(out).toMatchObject({ count: 1, executor: EXECUTOR })
    expect(out.items).toMatchObject([
      { appealId: assigned, dueKind: "answer", executor: EXECUTOR, division: HOUSING_DIVISION }
    ])
    const other = await cli("appeals", "due-soon", "--within", "60", "--executor", "petrova", "--db", db)
    expect(other.exitCode, other.stderr).toBe(0)
    expect(JSON.parse(other.stdout)).toMatchObject({ count: 0, items: [] })
  })

  it("the open appeals due from --on to --on + --within, as the use case answers them", async () => {
    const open = await Effect.runPromise(
      Db.withStore(db, false, Ports.Projection.query(Appeals.AppealRecords.Open, { orderBy: "answerDue" }))
    )
    expect(open.length).toBeGreaterThan(0)
    const on = open[0]!.row.answerDue
    const r = await cli("appeals", "due-soon", "--within", "3", "--on", on, "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {
      on: string
      within: number
      until: string
      count: number
      items: ReadonlyArray<{ appealId: string; answerDue: string; state: string; dueKind: string }>
    }
    // working days of the city's production calendar (issue 20's reminders); --calendar-days counts calendar days
    const third = Either.getOrThrow(Calendar.addWorkingDays(Calendar.russia(), Period.unsafeDay(on), 3))
    expect(out).toMatchObject({ on, within: 3, unit: "workingDays", until: third, division: null })
    const plain = await cli("appeals", "due-soon", "--within", "3", "--calendar-days", "--on", on, "--db", db)
    expect(plain.exitCode, plain.stderr).toBe(0)
    expect(JSON.parse(plain.stdout)).toMatchObject({ unit: "days", until: Period.addDays(Period.unsafeDay(on), 3) })
    // the reference from the appeals' states: the answers due in the window, and the notices of those not accepted
    const expected: Array<string> = []
    for (const o of open) {
      const state = (
        await Effect.runPromise(Db.withStore(db, false, App.Appeals.load(o.key).pipe(Effect.provide(city))))
      ).state
      for (const d of Appeals.AppealState.duesOpen(state))
        if (d.due >= on && d.due <= out.until) expected.push(`${o.key},${d.kind}`)
    }
    expected.sort()
    expect(out.items.map((i) => `${i.appealId},${i.dueKind}`)).toStrictEqual(expected)
    expect(out.count).toBe(expected.length)
    expect(expected.length).toBeGreaterThan(0)
    for (const i of out.items) expect(i.state).not.toBe("Closed")
    const division = open.find((o) => o.row.division !== undefined)?.row.division
    if (division !== undefined) {
      const d = await cli("appeals", "due-soon", "--within", "60", "--on", on, "--division", division, "--db", db)
      expect(d.exitCode, d.stderr).toBe(0)
      const page = await Effect.runPromise(
        Db.withStore(
          db,
          false,
          App.Appeals.dueSoon(system, {
            on: Period.unsafeDay(on),
            days: 60,
            unit: "workingDays",
            division,
            limit: 10_000
          }).pipe(Effect.provide(city))
        )
      )
      expect(ids(d.stdout)).toStrictEqual(page.items.map((i) => i.appealId))
      expect(JSON.parse(d.stdout).items.map((i: { dueKind: string }) => i.dueKind)).toStrictEqual(
        page.items.map((i) => i.dueKind)
      )
    }
  })

  it("a --within outside 0..60, a bad day or division is refused naming the option; --within is required", async () => {
    for (const [args, option] of [
      [["--within", "61"], "--within"],
      [["--within", "x"], "--within"],
      [["--within", "3", "--on", "2021-02-30"], "--on"],
      [["--within", "3", "--division", ""], "--division"],
      [["--within", "3", "--executor", "not an id"], "--executor"]
    ] as const) {
      const r = await cli("appeals", "due-soon", ...args, "--db", db)
      expect(r.exitCode, r.stderr).toBe(1)
      expect(r.stderr).toContain(`${option}:`)
    }
    expect((await cli("appeals", "due-soon", "--db", db)).exitCode).toBe(2)
    const none = await cli("appeals", "due-soon", "--within", "3", "--db", join(dir, "none.sqlite"))
    expect(none.exitCode).toBe(1)
    expect(none.stderr).toContain("NoStore")
  })
})

describe("cityhall appeals search", () => {
  it("the appeals whose text has every word, as the use case answers them, page by page", async () => {
    const texts = appeals.flatMap((r) => {
      const first = r.kind === "appeal" ? r.history[0] : undefined
      return first === undefined || (first._tag !== "RegisterAppeal" && first._tag !== "RegisterOralAppeal")
        ? []
        : [{ id: first.appealId as string, words: Ports.Search.words(Redacted.value(first.text)) }]
    })
    // a word of a few appeals' texts (rare, so one page of 1000 holds every appeal it finds)
    const counts = new Map<string, number>()
    for (const t of texts) for (const w of new Set(t.words)) counts.set(w, (counts.get(w) ?? 0) + 1)
    const word = [...counts]
      .filter(([w, n]) => w.length >= 4 && n >= 3)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
    expect(word).toBeDefined()
    const r = await cli("appeals", "search", word!, "--db", db, "--limit", "1000")
    expect(r.exitCode, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { personal: boolean; count: number; query: string }
    expect(out).toMatchObject({ personal: true, query: word })
    const found = ids(r.stdout)
    expect(found.length).toBeGreaterThanOrEqual(3) // so that pages of 2 are several
    const page = await Effect.runPromise(
      Db.withStore(db, false, App.Appeals.search(system, word!, { limit: 1000 }).pipe(Effect.provide(city)))
    )
    expect(found).toStrictEqual(page.items.map((i) => i.appealId))
    // every appeal whose text has the word is found (the applicant's fields may add others)
    for (const t of texts) if (t.words.includes(word!)) expect(found).toContain(t.id)
    // page by page: --limit and --after give the same appeals
    const paged: Array<string> = []
    let after: string | undefined
    do {
      const p = await cli("appeals", "search", word!, "--db", db, "--limit", "2", ...(after ? ["--after", after] : []))
      expect(p.exitCode, p.stderr).toBe(0)
      paged.push(...ids(p.stdout))
      after = (JSON.parse(p.stdout) as { next?: string }).next
    } while (after !== undefined)
    expect(paged).toStrictEqual(found)
  })

  it("the demo's texts are what residents write: «дорога» finds appeals on roads, «мусор» on waste", async () => {
    for (const [word, topic] of [
      ["дорога", "0003.0009.0097.0690"],
      ["мусор", "0003.0011.0127.0828"]
    ] as const) {
      const r = await cli("appeals", "search", word, "--db", db, "--limit", "1000")
      expect(r.exitCode, r.stderr).toBe(0)
      const found = new Set(ids(r.stdout))
      expect(found.size).toBeGreaterThan(5)
      const onTopic = appeals.flatMap((a) => {
        const first = a.kind === "appeal" ? a.history[0] : undefined
        return first !== undefined &&
          (first._tag === "RegisterAppeal" || first._tag === "RegisterOralAppeal") &&
          first.topics[0] === topic
          ? [first.appealId as string]
          : []
      })
      // every appeal found is on the topic
      for (const id of found) expect(onTopic).toContain(id)
    }
  })

  it("a bad query is InvalidRequest naming QUERY (exit code 1), never passed to the engine", async () => {
    for (const q of [
      "",
      '"мусор"',
      "мусор*",
      "(мусор)",
      "мусор NEAR двор",
      "мусор AND двор",
      "я".repeat(201),
      "у на"
    ]) {
      const r = await cli("appeals", "search", q, "--db", db)
      expect(r.exitCode, `${JSON.stringify(q)}: ${r.stderr}`).toBe(1)
      expect(r.stderr).toMatch(/^cityhall appeals search: InvalidRequest: QUERY: /)
    }
    expect((await cli("appeals", "search", "--db", db)).exitCode).toBe(2)
    expect((await cli("appeals", "search", "мусор", "--limit", "0", "--db", db)).exitCode).toBe(1)
  })
})
