/**
 * The import pipeline in process, on the memory store: properties over
 * random selections of the demo city's records, random bad lines and random
 * batch sizes.
 *
 * - every line is decoded: a bad line is rejected with its number and a
 *   reason, and every good line is imported (or refused by its decider);
 * - idempotent: re-running the same lines appends nothing and counts every
 *   imported record as already stored;
 * - atomic per batch: when storage fails on a batch, the store holds
 *   exactly the batches before it, and re-running the file then gives the
 *   store one clean run gives.
 */
import { Effect, Either, FastCheck as fc, Layer, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Administration, Appeals, Budget, Demo, Organisation, Period, Ports, TimeZone } from "../../src/index.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as Csv from "../../adapters/cli/import/Csv.js"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Importer from "../../adapters/cli/import/Importer.js"
import * as Plan from "../../src/planning/Plan.js"
import * as N from "../../src/planning/Node.js"
import * as X from "../planning/linkedPlans.js"
import { runs } from "../support/runs.js"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const city = Demo.Generator.generate({ seed: 2020 })

// a pool of lines in an order that imports: the organisation, the strategy before the plans under it, the suspension before the receptions of 2020
const planIds = ["strategy-2030", "annual-2020", "monthly-2020-03", "address-2020"]
const pool: ReadonlyArray<string> = [
  ...city.records.filter((r) => r.kind === "organisation"),
  ...planIds.map((id) => city.records.find((r) => r.kind === "plan" && r.history[0].plan === id)!),
  ...city.records.filter((r) => r.kind === "suspension"),
  ...city.records.filter((r) => r.kind === "appeal").filter((_, i) => i % 500 === 0),
  ...city.records.filter((r) => r.kind === "reception" && /^R-2020-0[3-5]/.test(r.history[0].reception)).slice(0, 6),
  ...city.records.filter((r) => r.kind === "meeting" && /^M-2019-0[3-4]/.test(r.history[0].meeting)).slice(0, 4),
  ...city.records.filter((r) => r.kind === "electionCalendar"),
  // the organisational areas: the publication register, information plans, budgets, the Council, Duma sessions
  ...city.records.filter((r) => r.kind === "publications"),
  ...city.records.filter((r) => r.kind === "informationPlan").slice(14, 16),
  ...city.records.filter((r) => r.kind === "programBudget").slice(0, 2),
  ...city.records.filter((r) => r.kind === "methodologicalCouncil"),
  ...city.records.filter((r) => r.kind === "dumaSession").slice(6, 8)
].map((r) => encode(r))

const badLine = fc.oneof(
  fc.constant("{ not json"),
  fc.constant(JSON.stringify({ kind: "appeal", history: [] })),
  fc.constant(JSON.stringify({ kind: "budget", history: [{}] })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter(
      (s) => s.trim() !== "" && Either.isLeft(Schema.decodeUnknownEither(Schema.parseJson(Format.ImportRecord))(s))
    )
)

/** A file: a selection of the pool (in pool order) with bad lines put in at random places. */
const file = fc
  .tuple(fc.subarray([...pool], { minLength: 1 }), fc.array(fc.tuple(fc.nat(), badLine), { maxLength: 4 }))
  .map(([good, bad]) => {
    const lines: Array<{ readonly text: string; readonly bad: boolean }> = good.map((text) => ({ text, bad: false }))
    for (const [at, text] of bad) lines.splice(at % (lines.length + 1), 0, { text, bad: true })
    return lines
  })

async function* linesOf(lines: ReadonlyArray<string>): AsyncIterable<string> {
  for (const l of lines) yield l
}

const recordedAt = "2021-01-15T00:00:00.000Z"

const importAll = (lines: ReadonlyArray<string>, batchSize: number) =>
  Effect.gen(function* () {
    const rejected: Array<Importer.Rejection> = []
    const counts = yield* Importer.importLines(linesOf(lines), {
      batchSize,
      recordedAt,
      onReject: (r) => Effect.sync(() => void rejected.push(r))
    })
    return { counts, rejected }
  })

/** Every stored event as stream, version, type and payload (positions and ids aside). */
const snapshot = Effect.flatMap(Ports.EventStore.EventStore, (s) => s.readAll(0)).pipe(
  Effect.map((es) => es.map((e) => `${e.streamId}#${e.version} ${e.type} ${JSON.stringify(e.payload)}`).sort())
)

/** Runs on a fresh memory store. */
const run = <A, E>(e: Effect.Effect<A, E, Ports.EventStore.EventStore>) =>
  Effect.runPromise(Effect.provide(e, MemoryStore.layer))

/** What the failing store saw: the batches it appended, and the ones it refused. */
interface Seen {
  readonly appended: Array<ReadonlyArray<Ports.EventStore.AppendBatch>>
  refused: ReadonlyArray<Ports.EventStore.AppendBatch> | undefined
}

/** The store in context, whose `appendMany` fails with a StorageError (as a failed transaction) on its `failOn`-th call (from 1). */
const failingOn = (failOn: number, seen: Seen) =>
  Layer.effect(
    Ports.EventStore.EventStore,
    Effect.map(Ports.EventStore.EventStore, (store) => {
      let calls = 0
      return {
        ...store,
        appendMany: (batches: ReadonlyArray<Ports.EventStore.AppendBatch>) =>
          Effect.suspend(() => {
            calls++
            if (calls === failOn) {
              seen.refused = batches
              return Effect.fail(
                new Ports.Errors.StorageError({
                  reason: "Injected",
                  operation: "appendMany",
                  message: `call ${calls} refused by the test`
                })
              )
            }
            return Effect.tap(store.appendMany(batches), () => Effect.sync(() => void seen.appended.push(batches)))
          })
      }
    })
  )

describe("Importer.importLines", () => {
  it("decodes every line: each bad line is rejected with its number and a reason, the good ones are counted", async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 7 }), async (lines, batchSize) => {
        const { counts, rejected } = await run(
          importAll(
            lines.map((l) => l.text),
            batchSize
          )
        )
        const badAt = lines.flatMap((l, i) => (l.bad ? [i + 1] : []))
        expect(counts.lines).toBe(lines.length)
        expect(rejected.map((r) => r.line).filter((n) => badAt.includes(n))).toEqual(badAt)
        for (const r of rejected) {
          expect(r.text).toBe(lines[r.line - 1]!.text)
          expect(r.reason).not.toBe("")
        }
        expect(counts.rejected).toBe(rejected.length)
        expect(counts.imported + counts.duplicates + counts.rejected).toBe(lines.length)
        expect(Object.values(counts.byKind).reduce((a, b) => a + b, 0)).toBe(counts.imported)
      }),
      { numRuns: runs(10) }
    )
  })

  it("is idempotent: re-running the same lines, with any batch size, appends nothing and finds every imported record stored", async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), async (lines, b1, b2) => {
        const texts = lines.map((l) => l.text)
        const out = await run(
          Effect.gen(function* () {
            const first = yield* importAll(texts, b1)
            const before = yield* snapshot
            const second = yield* importAll(texts, b2)
            const after = yield* snapshot
            return { first, second, before, after }
          })
        )
        expect(out.first.counts.events).toBe(out.before.length)
        expect(out.second.counts).toMatchObject({
          imported: 0,
          events: 0,
          duplicates: out.first.counts.imported,
          rejected: out.first.counts.rejected
        })
        expect(out.second.rejected).toEqual(out.first.rejected)
        expect(out.after).toEqual(out.before)
      }),
      { numRuns: runs(10) }
    )
  })

  it("is atomic per batch: a storage failure leaves whole batches only, and a re-run gives the store of one clean run", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...pool], { minLength: 2 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        async (lines, batchSize, failOn) => {
          const clean = await run(Effect.zip(importAll(lines, batchSize), snapshot))
          const seen: Seen = { appended: [], refused: undefined }
          const failed = await run(
            Effect.gen(function* () {
              const store = yield* Ports.EventStore.EventStore
              const first = yield* Effect.either(
                importAll(lines, batchSize).pipe(Effect.provide(failingOn(failOn, seen)))
              )
              const partial = yield* snapshot
              // nothing of the refused transaction is stored: each of its streams is still at the version its first batch expected
              const expected = new Map<
                string,
                { readonly stream: Ports.EventStore.StreamRef; readonly version: number }
              >()
              for (const b of seen.refused ?? []) {
                const k = Ports.EventStore.streamName(b.stream)
                if (!expected.has(k)) expected.set(k, { stream: b.stream, version: b.expectedVersion })
              }
              const refusedAt = yield* Effect.forEach([...expected.values()], (x) =>
                Effect.map(store.version(x.stream), (v) => [v, x.version] as const)
              )
              const again = yield* importAll(lines, batchSize)
              const final = yield* snapshot
              return { first, partial, refusedAt, again, final }
            })
          )
          const appendedEvents = seen.appended.flat().reduce((n, b) => n + b.events.length, 0)
          if (seen.refused === undefined) {
            // fewer transactions than failOn: the run went through
            expect(Either.isRight(failed.first)).toBe(true)
            expect(failed.partial).toEqual(clean[1])
          } else {
            expect(Either.isLeft(failed.first) && failed.first.left._tag).toBe("StorageError")
            expect(seen.refused.length).toBeGreaterThan(0)
            for (const [v, expected] of failed.refusedAt) expect(v).toBe(expected)
          }
          // what is stored is exactly the whole transactions that went through, each event as a clean run stores it
          expect(failed.partial).toHaveLength(appendedEvents)
          for (const e of failed.partial) expect(clean[1]).toContain(e)
          expect(failed.final).toEqual(clean[1])
          expect(failed.again.counts.rejected).toBe(clean[0].counts.rejected)
          expect(failed.again.counts.imported + failed.again.counts.duplicates).toBe(clean[0].counts.imported)
        }
      ),
      { numRuns: runs(10) }
    )
  })
})

describe("Importer: registration numbers are unique", () => {
  const appeals = city.records.filter(
    (r): r is Extract<Format.ImportRecord, { readonly kind: "appeal" }> => r.kind === "appeal"
  )
  const first = appeals[0]!
  const second = appeals[1]!
  // the second appeal's history under the first one's registration number
  const reg = second.history[0]
  const sameNumber: Format.ImportRecord = {
    ...second,
    history: [
      reg._tag === "RegisterAppeal" || reg._tag === "RegisterOralAppeal"
        ? { ...reg, registrationNumber: (first.history[0] as typeof reg).registrationNumber }
        : reg,
      ...second.history.slice(1)
    ]
  } as Format.ImportRecord

  it("a second appeal under a number already held (in the file, or registered before) is rejected, naming the duplicate; the first stays", async () => {
    for (const batchSize of [1, 500]) {
      const out = await run(
        Effect.gen(function* () {
          const inFile = yield* importAll([encode(first), encode(sameNumber)], batchSize)
          const events = yield* snapshot
          return { inFile, events }
        })
      )
      expect(out.inFile.counts).toMatchObject({ imported: 1, rejected: 1 })
      expect(out.inFile.rejected.map((r) => r.line)).toEqual([2])
      expect(out.inFile.rejected[0]!.reason).toMatch(/^Conflict|^DuplicateRegistrationNumber|^IdempotencyKeyConflict/)
      expect(out.events.some((e) => e.includes(String(second.history[0].appealId)))).toBe(false)
    }
    // the number held by an appeal registered outside the import (e.g. over HTTP): the book refuses it
    const held = await run(
      Effect.gen(function* () {
        const reg0 = first.history[0]
        if (reg0._tag !== "RegisterAppeal") return yield* Effect.die("expected a RegisterAppeal")
        yield* Appeals.AppealRecords.register({ ...reg0, appealId: "HTTP-1" } as typeof reg0)
        return yield* importAll([encode(first)], 500)
      })
    )
    expect(held.counts).toMatchObject({ imported: 0, rejected: 1 })
    expect(held.rejected[0]!.reason).toMatch(/^DuplicateRegistrationNumber/)
  })
})

describe("Importer: plans", () => {
  it("an amendment that would orphan work of another plan in force is rejected naming stillLinked, and stores nothing; one that orphans nothing is imported", async () => {
    const plan = (history: ReadonlyArray<Plan.Command>) =>
      encode({ kind: "plan", history: history as [Plan.Command, ...Array<Plan.Command>] })
    const amended = (ref: N.NodeRef) =>
      plan([
        ...X.annualCommands,
        X.amendAnnual,
        new Plan.RemoveNode({ ...X.meta(X.ids.annual), ref }),
        new Plan.ApprovePlan({ ...X.meta(X.ids.annual), act: X.act("51-р", "2021-03-30") })
      ])
    const out = await run(
      Effect.gen(function* () {
        const first = yield* importAll([plan(X.strategicCommands), plan(X.annualCommands), plan(X.marchCommands)], 500)
        const before = yield* snapshot
        // March's a-1 links to i-1: the re-imported annual plan may not remove it
        const orphaning = yield* importAll([amended(N.refOf(X.i1))], 500)
        const unchanged = (yield* snapshot).length === before.length
        const fine = yield* importAll([amended(N.refOf(X.i2))], 500)
        return { first, orphaning, unchanged, fine }
      })
    )
    expect(out.first.counts).toMatchObject({ imported: 3, rejected: 0 })
    expect(out.orphaning.counts).toMatchObject({ imported: 0, rejected: 1 })
    expect(out.orphaning.rejected[0]!.reason).toMatch(
      /history\[5\]: NodeRuleViolation: PlanItem i-1 cannot be removed .*Activity a-1/
    )
    expect(out.unchanged).toBe(true)
    expect(out.fine.counts).toMatchObject({ imported: 1, rejected: 0 })
  })
})

describe("Importer: a read error", () => {
  it("is a typed ReadFailed naming the last line read, never a defect; the whole batches before it stay stored", async () => {
    async function* broken(): AsyncIterable<string> {
      yield pool[0]!
      yield pool[1]!
      yield pool[2]!
      throw new Error("EIO: i/o error, read")
    }
    const out = await run(
      Effect.gen(function* () {
        const result = yield* Effect.either(
          Importer.importLines(broken(), { batchSize: 1, recordedAt, onReject: () => Effect.void })
        )
        const stored = yield* snapshot
        return { result, stored }
      })
    )
    expect(Either.isLeft(out.result) && out.result.left).toMatchObject({
      _tag: "ReadFailed",
      linesRead: 3,
      message: "after line 3: EIO: i/o error, read"
    })
    const clean = await run(Effect.zip(importAll(pool.slice(0, 3), 1), snapshot))
    expect(out.stored).toEqual(clean[1])
  })
})

describe("Csv.splitLine", () => {
  const quote = (f: string) => `"${f.replace(/"/g, '""')}"`
  it("gives back the fields of any row written with quotes where needed", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
          { minLength: 1, maxLength: 8 }
        ),
        fc.constantFrom(",", ";"),
        (fields, sep) => {
          const line = fields.map((f) => (f.includes(sep) || f.includes('"') || f === "" ? quote(f) : f)).join(sep)
          expect(Csv.splitLine(line, sep)).toEqual(Either.right(fields))
        }
      )
    )
  })

  it("an unclosed quote is an error, never a wrong split", () => {
    expect(Csv.splitLine('a;"b;c', ";")).toEqual(Either.left("an unclosed quote (a field may not span lines)"))
  })
})

describe("Importer: the organisation", () => {
  const demo = Demo.Generator.organisationRecord()
  const adopt = demo.history[0]
  const later = new Administration.OrganisationHistory.AdoptOrganisation({
    ...adopt,
    from: Period.unsafeDay("2021-01-01"),
    organisation: new Organisation.Organisation({
      ...adopt.organisation,
      name: "Администрация города Демограда (2021)"
    })
  })
  const line = (history: ReadonlyArray<Administration.OrganisationHistory.Command>) =>
    encode({ kind: "organisation", history: history as [Administration.OrganisationHistory.Command] })

  it("a version already stored counts as stored; a later file's new version is appended after it; a broken one is rejected naming the field", async () => {
    const out = await Effect.gen(function* () {
      const first = yield* importAll([line([adopt])], 10)
      const again = yield* importAll([line([adopt])], 10)
      const next = yield* importAll([line([adopt, later])], 10)
      const broken = yield* importAll(
        [
          line([
            new Administration.OrganisationHistory.AdoptOrganisation({
              ...adopt,
              organisation: new Organisation.Organisation({
                ...adopt.organisation,
                divisions: [...adopt.organisation.divisions, adopt.organisation.divisions[0]!]
              })
            })
          ])
        ],
        10
      )
      const versions = yield* Administration.OrganisationRecords.versions
      return { first, again, next, broken, versions }
    }).pipe(Effect.provide(MemoryStore.layer), Effect.runPromise)
    expect(out.first.counts).toMatchObject({ imported: 1, duplicates: 0, events: 1, byKind: { organisation: 1 } })
    expect(out.again.counts).toMatchObject({ imported: 0, duplicates: 1, events: 0 })
    expect(out.next.counts).toMatchObject({ imported: 1, duplicates: 0, events: 1 })
    expect(out.broken.rejected.map((r) => r.reason)).toEqual([
      `history[0]: InvalidOrganisation: organisation.divisions[${adopt.organisation.divisions.length}].id: duplicate id housing in divisions`
    ])
    expect(out.versions.map((v) => [v.from, v.organisation.name])).toEqual([
      ["2019-01-01", "Администрация города Демограда"],
      ["2021-01-01", "Администрация города Демограда (2021)"]
    ])
  })
})

describe("Importer: the organisational areas", () => {
  const session = city.records.find((r) => r.kind === "dumaSession")!
  const budget = city.records.find((r) => r.kind === "programBudget")!
  it("each kind is imported and re-imported as stored; a history naming two streams, or a command its decider refuses, is rejected naming the place and stores nothing of it", async () => {
    if (session.kind !== "dumaSession" || budget.kind !== "programBudget") throw new Error("the demo has both")
    const other = city.records.filter((r) => r.kind === "dumaSession")[1]!
    if (other.kind !== "dumaSession") throw new Error("a second session")
    const mixed = encode({ kind: "dumaSession", history: [session.history[0], other.history[0]] })
    // a contract dated outside the budget's year: the decider refuses it
    const outside = encode({
      kind: "programBudget",
      history: [
        budget.history[0],
        ...budget.history.slice(1, 2).map((c) =>
          c._tag === "RecordCommitment"
            ? new Budget.ProgramBudget.RecordCommitment({
                ...c,
                entry: new Budget.ProgramBudget.Entry({ ...c.entry, on: Period.unsafeDay("2030-01-10") })
              })
            : c
        )
      ]
    })
    const lines = [encode(session), encode(budget)]
    const out = await Effect.gen(function* () {
      const first = yield* importAll(lines, 1)
      const again = yield* importAll(lines, 1)
      const bad = yield* importAll([mixed, outside], 1)
      const events = yield* Effect.flatMap(Ports.EventStore.EventStore, (st) => st.readAll(0))
      return { first, again, bad, events }
    }).pipe(Effect.provide(MemoryStore.layer), Effect.runPromise)
    expect(out.first.counts).toMatchObject({ imported: 2, rejected: 0, byKind: { dumaSession: 1, programBudget: 1 } })
    expect(out.again.counts).toMatchObject({ imported: 0, duplicates: 2, events: 0 })
    expect(out.bad.rejected.map((r) => r.line)).toStrictEqual([1, 2])
    expect(out.bad.rejected[0]!.reason).toMatch(/^history\[1\]\.session: every command names the session /)
    expect(out.bad.rejected[1]!.reason).toMatch(
      /^history\[1\]: BudgetRuleViolation: commitment on 2030-01-10 lies outside/
    )
    // nothing of the refused records was stored: the same events as after the first run
    expect(out.events.length).toBe(out.first.counts.events)
  })
})

describe("Importer: the meetings area in the city's time zone", () => {
  it("a suspension declared at 15:00 UTC on 31 March 2020 from 1 April: in the future in Moscow, already 1 April in Khabarovsk (refused)", async () => {
    const line = JSON.stringify({
      kind: "suspension",
      history: [
        {
          _tag: "DeclareSuspension",
          at: "2020-03-31T15:00:00.000Z",
          actor: "organisational-department",
          from: "2020-04-01",
          to: "2020-04-30",
          reason: "режим повышенной готовности"
        }
      ]
    })
    const importIn = (timeZone?: TimeZone.TimeZoneName) =>
      run(
        Effect.gen(function* () {
          const rejected: Array<Importer.Rejection> = []
          const counts = yield* Importer.importLines(linesOf([line]), {
            recordedAt,
            ...(timeZone !== undefined ? { timeZone } : {}),
            onReject: (r) => Effect.sync(() => void rejected.push(r))
          })
          return { counts, rejected }
        })
      )
    const moscow = await importIn(Schema.decodeSync(TimeZone.TimeZoneName)("Europe/Moscow"))
    expect(moscow.rejected).toEqual([])
    expect(moscow.counts.imported).toBe(1)
    const khabarovsk = await importIn()
    expect(khabarovsk.counts.imported).toBe(0)
    expect(khabarovsk.rejected[0]?.reason).toContain("a suspension declared on 2020-04-01 takes effect from 2020-04-02")
  })
})
