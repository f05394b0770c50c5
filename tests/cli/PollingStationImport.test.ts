/**
 * The `pollingStation` import kind (issue 21): a station and its officers,
 * officials of the organisation imported before it, are stored on the
 * station's stream; a second import stores nothing; an officer who is not
 * an official, a history naming two stations or a station without an
 * organisation are rejected naming the field, and nothing of the record is
 * stored — on memory, SQLite and PostgreSQL (`CITYHALL_PG_URL`; skipped
 * with one line otherwise).
 */
import { Effect, type Layer, Redacted, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Importer from "../../adapters/cli/import/Importer.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { Demo, Ports } from "../../src/index.js"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const recordedAt = "2021-01-15T00:00:00.000Z"
const organisation = encode(Demo.Generator.organisationRecord())

const command = (tag: string, fields: Record<string, unknown>) => ({
  _tag: tag,
  at: "2021-06-01T02:00:00.000Z",
  actor: "organisational-department",
  ...fields
})
const station = (id: string, officers: ReadonlyArray<string>) => ({
  id,
  number: 301,
  address: "г. Демоград, ул. Ленина, 1",
  premises: { name: "МБОУ СОШ № 5, актовый зал", address: "г. Демоград, ул. Ленина, 1" },
  commission: "uik-301",
  officers
})
const line = (history: ReadonlyArray<unknown>) => JSON.stringify({ kind: "pollingStation", history })

const importAll = (lines: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const rejected: Array<Importer.Rejection> = []
    const counts = yield* Importer.importLines(
      (async function* () {
        yield* lines
      })(),
      { batchSize: 10, recordedAt, onReject: (r) => Effect.sync(() => void rejected.push(r)) }
    )
    return { counts, rejected }
  })
const events = Effect.flatMap(Ports.EventStore.EventStore, (s) => s.readAll(0)).pipe(
  Effect.map((es) => es.filter((e) => e.category === "polling_station").map((e) => `${e.streamId} ${e.type}`))
)
const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log(
    "postgres import of polling stations skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it"
  )
const stores: ReadonlyArray<readonly [string, () => Layer.Layer<Ports.EventStore.EventStore, unknown> | undefined]> = [
  ["memory", () => MemoryStore.layer as never],
  ["sqlite", () => SqliteStore.layer({ filename: ":memory:" }) as never],
  [
    "postgres",
    () =>
      url === undefined || url === ""
        ? undefined
        : (PostgresStore.layerForTesting({
            url: Redacted.make(url),
            schema: `cityhall_ps21_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`,
            dropSchemaOnClose: true
          }) as never)
  ]
]

for (const [name, layer] of stores) {
  const run = <A, E>(self: Effect.Effect<A, E, Ports.EventStore.EventStore>) =>
    Effect.runPromise(
      Effect.scoped(Effect.provide(self, layer() as Layer.Layer<Ports.EventStore.EventStore>)) as Effect.Effect<A>
    )

  describe.skipIf(layer() === undefined)(`Importer: polling stations (${name})`, () => {
    const good = line([
      command("RecordPollingStation", { station: station("ps-301", ["head-district-3"]) }),
      command("AssignStationOfficers", { id: "ps-301", officers: ["head-district-3", "deputy-mayor-social"] })
    ])

    it("a station with officials as officers is stored; a second import stores nothing", async () => {
      const out = await run(
        Effect.gen(function* () {
          const first = yield* importAll([organisation, good])
          const again = yield* importAll([good])
          return { first, again, events: yield* events }
        })
      )
      expect(out.first.rejected).toEqual([])
      expect(out.first.counts).toMatchObject({ imported: 2, byKind: { pollingStation: 1 } })
      expect(out.again.counts).toMatchObject({ imported: 0, duplicates: 1, rejected: 0 })
      expect(out.events).toEqual(["ps-301 PollingStationRecorded", "ps-301 StationOfficersAssigned"])
    })

    it("rejects naming the field: an officer who is not an official, a second station, no organisation; stores nothing", async () => {
      const out = await run(
        Effect.gen(function* () {
          const without = yield* importAll([good])
          const rest = yield* importAll([
            organisation,
            line([command("RecordPollingStation", { station: station("ps-302", ["head-district-3", "stranger-1"]) })]),
            line([
              command("RecordPollingStation", { station: station("ps-303", []) }),
              command("AssignStationOfficers", { id: "ps-304", officers: [] })
            ]),
            line([
              command("RecordPollingStation", { station: station("ps-305", []) }),
              command("AssignStationOfficers", { id: "ps-305", officers: ["mayor", "nobody"] })
            ]),
            line([command("RecordPollingStation", { station: { ...station("ps-306", []), number: 0 } })])
          ])
          return { without, rest, events: yield* events }
        })
      )
      expect(out.without.rejected.map((r) => r.reason)).toEqual([
        expect.stringContaining("station.officers[0]: head-district-3 is not an official")
      ])
      const reasons = out.rest.rejected.map((r) => r.reason)
      expect(reasons).toHaveLength(4)
      expect(reasons[0]).toContain("station.officers[1]: stranger-1 is not an official of the organisation")
      expect(reasons[1]).toContain("history[1]")
      expect(reasons[2]).toContain("officers[1]: nobody is not an official")
      expect(reasons[3]).toContain("number")
      expect(out.events).toEqual([])
    })
  })
}
