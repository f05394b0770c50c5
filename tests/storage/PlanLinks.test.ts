import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Layer, Redacted } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PlanRecords from "../../src/planning/PlanRecords.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { ConcurrencyConflict } from "../../src/ports/Errors.js"
import { EventStore } from "../../src/ports/EventStore.js"
import * as Projection from "../../src/ports/Projection.js"
import * as Rebuild from "../../src/ports/Rebuild.js"
import { normalise, ReadModels } from "../../src/ports/ReadModels.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import * as X from "../planning/linkedPlans.js"
import { commandOf, scenario, upperOf, type World } from "../planning/stillLinkedRun.js"
import { runs } from "../support/runs.js"

/**
 * Links between plans in storage: the `plan_links` read model holds what
 * the plans in force link up to, and `PlanRecords.handle` reads what lies
 * below a node before removing or replacing it — on every store adapter.
 */

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log(
    "postgres plan-links tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )

type Stores = EventStore | ReadModels
let schemas = 0
const stores: ReadonlyArray<{
  readonly name: string
  readonly layer: () => Layer.Layer<Stores, unknown>
  readonly runs: number
  readonly skip: boolean
}> = [
  { name: "memory", layer: () => MemoryStore.layer, runs: 25, skip: false },
  { name: "sqlite", layer: () => SqliteStore.layerForTesting({ filename: ":memory:" }), runs: 10, skip: false },
  {
    name: "postgres",
    layer: () =>
      PostgresStore.layerForTesting({
        url: Redacted.make(url ?? ""),
        schema: `cityhall_links_${process.pid}_${Date.now()}_${schemas++}`,
        dropSchemaOnClose: true
      }),
    runs: 4,
    skip: url === undefined || url === ""
  }
]

const loadState = (plan: string) => Effect.map(CommandHandler.load(PlanRecords.definition, plan), (l) => l.state)
/** The context of stored plans (their nodes in force). */
const contextOf = (...plans: ReadonlyArray<string>) =>
  Effect.map(Effect.forEach(plans, loadState), (states) => H.contextOf(Plan.treeOf(X.horizon, states)))
const handle = (upper: H.Context, plan: string, c: Plan.Command) => PlanRecords.handle(upper, plan, c)
const handleAll = (upper: H.Context, plan: string, cs: ReadonlyArray<Plan.Command>) =>
  Effect.forEach(cs, (c) => handle(upper, plan, c), { discard: true })
/** Everything stored: the read models and the annual plan's stream version. */
const stored = Effect.gen(function* () {
  const rm = yield* ReadModels
  return {
    readModels: normalise(yield* rm.snapshot),
    versions: yield* Effect.forEach(Object.values(X.ids), (p) =>
      Effect.map(CommandHandler.load(PlanRecords.definition, p), (l) => l.version)
    )
  }
})
const targets = (key: string) =>
  Effect.map(Projection.query(PlanRecords.Links, { where: { target: key } }), (rs) =>
    rs.map((r) => `${r.row.plan}/${N.keyOf(r.row.node)}`).sort()
  )
const refusal = <A, E>(self: Effect.Effect<A, E, Stores>) =>
  Effect.gen(function* () {
    const before = yield* stored
    const r = yield* Effect.either(self)
    // a refused command stores nothing
    expect(yield* stored).toEqual(before)
    return r
  })

for (const s of stores) {
  describe.skipIf(s.skip)(`plan links on ${s.name}`, () => {
    it("the worked example: removing or narrowing an item work links to is refused and stores nothing; once the work is taken out, the item goes", async () => {
      await Effect.runPromise(
        Effect.provide(
          Effect.gen(function* () {
            yield* handleAll(H.emptyContext, X.ids.strategic, X.strategicCommands)
            yield* handleAll(yield* contextOf(X.ids.strategic), X.ids.annual, X.annualCommands)
            yield* handleAll(yield* contextOf(X.ids.strategic, X.ids.annual), X.ids.march, X.marchCommands)
            expect(yield* targets("PlanItem:i-1")).toEqual(["monthly-2021-03/Activity:a-1"])
            expect(yield* targets("Program:p-1")).toEqual(["annual-2021/PlanItem:i-1"])

            const upperOfAnnual = yield* contextOf(X.ids.strategic)
            yield* handle(upperOfAnnual, X.ids.annual, X.amendAnnual)
            const removeI1 = yield* refusal(
              handle(upperOfAnnual, X.ids.annual, new Plan.RemoveNode({ ...X.meta(X.ids.annual), ref: N.refOf(X.i1) }))
            )
            expect(removeI1).toEqual(
              Either.left(
                expect.objectContaining({ _tag: "NodeRuleViolation", rule: "stillLinked", node: N.refOf(X.i1) })
              )
            )
            const narrow = yield* refusal(
              handle(
                upperOfAnnual,
                X.ids.annual,
                new Plan.ReplaceNode({
                  ...X.meta(X.ids.annual),
                  node: new N.PlanItem({ ...X.i1, period: "2021-Q3" as N.PlanItem["period"] })
                })
              )
            )
            expect(narrow).toEqual(
              Either.left(expect.objectContaining({ rule: "periodOutsideParent", node: N.refOf(X.a1) }))
            )

            // two plans below the strategic plan, read from the links transitively
            yield* handle(
              H.emptyContext,
              X.ids.strategic,
              new Plan.StartAmendment({ ...X.meta(X.ids.strategic), reason: "Новая редакция" })
            )
            const moved = yield* refusal(
              handle(
                H.emptyContext,
                X.ids.strategic,
                new Plan.ReplaceNode({ ...X.meta(X.ids.strategic), node: new N.Program({ ...X.p1, goal: X.g2.id }) })
              )
            )
            expect(moved).toEqual(
              Either.left(expect.objectContaining({ rule: "originGoalMismatch", node: N.refOf(X.a1) }))
            )

            // i-2 has nothing below: removed in the amendment; April then schedules work under it (still in force); the approval is refused
            yield* handle(
              upperOfAnnual,
              X.ids.annual,
              new Plan.RemoveNode({ ...X.meta(X.ids.annual), ref: N.refOf(X.i2) })
            )
            yield* handleAll(yield* contextOf(X.ids.strategic, X.ids.annual), X.ids.april, X.aprilCommands)
            const approve = new Plan.ApprovePlan({ ...X.meta(X.ids.annual), act: X.act("51-р", "2021-03-30") })
            expect(yield* refusal(handle(upperOfAnnual, X.ids.annual, approve))).toEqual(
              Either.left(expect.objectContaining({ rule: "stillLinked", node: N.refOf(X.i2) }))
            )

            // April's amendment takes a-2 out; now the annual amendment is approved and i-2's links are gone
            const upperOfApril = yield* contextOf(X.ids.strategic, X.ids.annual)
            yield* handleAll(upperOfApril, X.ids.april, [
              new Plan.StartAmendment({ ...X.meta(X.ids.april), reason: "Работы выполнены досрочно" }),
              new Plan.RemoveNode({ ...X.meta(X.ids.april), ref: N.refOf(X.a2) }),
              new Plan.AddNode({
                ...X.meta(X.ids.april),
                node: new N.Activity({ ...X.a2, id: "a-3" as N.Activity["id"], link: { _tag: "Goal", id: X.g2.id } })
              }),
              new Plan.ApprovePlan({ ...X.meta(X.ids.april), act: X.act("150-р", "2021-03-30") })
            ])
            expect(yield* targets("PlanItem:i-2")).toEqual([])
            expect(yield* targets("Goal:g-2")).toEqual(["annual-2021/PlanItem:i-2", "monthly-2021-04/Activity:a-3"])
            yield* handle(upperOfAnnual, X.ids.annual, approve)
            expect(yield* targets("Goal:g-2")).toEqual(["monthly-2021-04/Activity:a-3"])
            expect(
              (yield* Projection.query(PlanRecords.Links, { where: { plan: X.ids.annual } })).map((r) =>
                N.keyOf(r.row.node)
              )
            ).toEqual(["PlanItem:i-1"])
          }),
          s.layer()
        )
      )
    })

    it("property: random amendments through PlanRecords.handle keep the plans in force one valid tree; the links equal the states'; rebuild == incremental", async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ tree, steps }) => {
          const out = await Effect.runPromise(
            Effect.provide(
              Effect.gen(function* () {
                const splits = PA.split(tree)
                const load = () =>
                  Effect.map(
                    Effect.forEach(splits, (p) => Effect.map(loadState(p.plan), (st) => [p.plan, st] as const)),
                    (xs) => new Map(xs)
                  )
                for (const p of splits) {
                  const w: World = { horizon: tree.horizon, splits, states: yield* load() }
                  yield* handleAll(upperOf(w, p), p.plan, PA.buildCommands(p))
                }
                let refused = 0
                for (const st of steps) {
                  const w: World = { horizon: tree.horizon, splits, states: yield* load() }
                  const c = commandOf(w, st)
                  if (c === undefined) continue
                  for (const cmd of c.commands) {
                    const r = yield* Effect.either(PlanRecords.handle(upperOf(w, c.split), c.split.plan, cmd))
                    if (Either.isLeft(r)) {
                      refused++
                      break
                    }
                  }
                }
                const states = yield* load()
                const valid = H.validate(Plan.treeOf(tree.horizon, states.values()))
                const links = (yield* Projection.query(PlanRecords.Links))
                  .map((r) => `${r.row.plan}/${N.keyOf(r.row.node)}>${r.row.target}`)
                  .sort()
                const expected = [...states.values()]
                  .flatMap((st) =>
                    [...PlanRecords.linkRowsOf(st).values()].map((r) => `${r.plan}/${N.keyOf(r.node)}>${r.target}`)
                  )
                  .sort()
                const rm = yield* ReadModels
                const incremental = normalise(yield* rm.snapshot)
                yield* Rebuild.rebuild([PlanRecords.definition])
                return {
                  valid: Either.isRight(valid) ? "valid" : valid.left.message,
                  links,
                  expected,
                  same: JSON.stringify(normalise(yield* rm.snapshot)) === JSON.stringify(incremental),
                  refused
                }
              }),
              s.layer()
            )
          )
          expect(out.valid).toBe("valid")
          expect(out.links).toEqual(out.expected)
          expect(out.same).toBe(true)
        }),
        { numRuns: runs(s.runs) }
      )
    })
  })
}

describe("PlanRecords.handle under a concurrent write", () => {
  it("a conflict on the plan's stream reads the facts below again and decides again; with one attempt the conflict is answered and nothing is stored", async () => {
    const seen = { conflicts: 0, linkQueries: 0 }
    /** How many appends to the annual plan are still to fail (armed after the set-up). */
    const armed = { left: 0 }
    /** The memory store, whose next `conflicts` appends to the annual plan fail as if another writer got there first; plan_links queries are counted. */
    const layer = () => {
      const events = Layer.effect(
        EventStore,
        Effect.map(EventStore, (store): EventStore["Type"] => ({
          ...store,
          append: (stream, expected, evs, options) =>
            stream.id === X.ids.annual && evs.length > 0 && armed.left-- > 0
              ? Effect.sync(() => void seen.conflicts++).pipe(
                  Effect.zipRight(
                    Effect.fail(
                      new ConcurrencyConflict({
                        stream: `${stream.category}-${stream.id}`,
                        expected,
                        actual: expected + 1
                      })
                    )
                  )
                )
              : store.append(stream, expected, evs, options)
        }))
      )
      const models = Layer.effect(
        ReadModels,
        Effect.map(ReadModels, (rm): ReadModels["Type"] => ({
          ...rm,
          query: (table, q) =>
            Effect.zipRight(
              Effect.sync(() => void (table === PlanRecords.Links.name && seen.linkQueries++)),
              rm.query(table, q)
            )
        }))
      )
      return Layer.merge(events, models).pipe(Layer.provideMerge(MemoryStore.layer))
    }
    const scene = (conflicts: number, maxAttempts: number) =>
      Effect.runPromise(
        Effect.provide(
          Effect.gen(function* () {
            yield* handleAll(H.emptyContext, X.ids.strategic, X.strategicCommands)
            yield* handleAll(yield* contextOf(X.ids.strategic), X.ids.annual, X.annualCommands)
            yield* handleAll(yield* contextOf(X.ids.strategic, X.ids.annual), X.ids.march, X.marchCommands)
            yield* handle(yield* contextOf(X.ids.strategic), X.ids.annual, X.amendAnnual)
            const before = yield* stored
            seen.conflicts = 0
            seen.linkQueries = 0
            armed.left = conflicts
            const r = yield* Effect.either(
              PlanRecords.handle(
                yield* contextOf(X.ids.strategic),
                X.ids.annual,
                new Plan.ReplaceNode({
                  ...X.meta(X.ids.annual),
                  node: new N.PlanItem({ ...X.i1, title: "Ремонт дворов и проездов" })
                }),
                { maxAttempts }
              )
            )
            return { r, unchanged: JSON.stringify(yield* stored) === JSON.stringify(before), ...seen }
          }),
          layer()
        )
      )
    const once = await scene(0, 5)
    expect(Either.isRight(once.r)).toBe(true)
    const retried = await scene(1, 5)
    expect(Either.isRight(retried.r)).toBe(true)
    expect(retried.conflicts).toBe(1)
    // the facts below were read once per attempt
    expect(retried.linkQueries).toBe(2 * once.linkQueries)
    expect(once.linkQueries).toBeGreaterThan(0)
    const given = await scene(1, 1)
    expect(given.r).toEqual(Either.left(expect.objectContaining({ _tag: "ConcurrencyConflict" })))
    expect(given.unchanged).toBe(true)
  })
})
