import { it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Option, Redacted } from "effect"
import { describe, expect } from "vitest"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqlStore } from "../../adapters/sql/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import type { DivisionId, OfficialId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Ports from "../../src/ports/index.js"

/** The row query an effect issues, recorded by a read-model service that answers nothing. */
const queryOf = <A, E>(self: Effect.Effect<A, E, Ports.ReadModels.ReadModels>): Ports.ReadModels.RowQuery => {
  const queries: Array<Ports.ReadModels.RowQuery> = []
  const recorder: Ports.ReadModels.ReadModels.Service = {
    get: () => Effect.succeed(Option.none()),
    query: (_, q) => Effect.sync(() => (queries.push(q), [])),
    counters: () => Effect.succeed([]),
    write: () => Effect.void,
    clear: () => Effect.void,
    snapshot: Effect.succeed(Ports.ReadModels.emptySnapshot)
  }
  Effect.runSync(Effect.either(Effect.provideService(self, Ports.ReadModels.ReadModels, recorder)))
  expect(queries).toHaveLength(1)
  return queries[0]!
}

const from = Period.unsafeDay("2021-03-15")
const to = Period.unsafeDay("2021-03-22")
// what is due in a window: alone (the due day, slot 1), of an executor (slot 0), of a division (slot 2); each
// index is (tbl, slot, due day, key), so the planner may also take the due day's own range (as for state + due)
const dueSoonShapes = [
  ["due soon", ["i1"], queryOf(AppealRecords.dueIn(from, to))],
  [
    "due soon of an executor",
    ["i0", "i1"],
    queryOf(AppealRecords.dueIn(from, to, { executor: "ivanov" as OfficialId }))
  ],
  [
    "due soon of a division",
    ["i2", "i1"],
    queryOf(AppealRecords.dueIn(from, to, { division: "housing" as DivisionId }))
  ],
  [
    "due soon of an executor in a division",
    ["i0", "i1", "i2"],
    queryOf(AppealRecords.dueIn(from, to, { executor: "ivanov" as OfficialId, division: "housing" as DivisionId }))
  ]
] as const

// Every read-model query shape the ports issue is served by an index: no
// full scan of the rows, counters or events tables.
const shapes = (sql: SqlClient.SqlClient) =>
  [
    ["state", ["i0"], SqlStore.selectRows(sql, "t", { where: [{ slot: 0, op: "eq", value: "open" }] })],
    [
      "state + due before a day",
      ["i0", "i1"],
      SqlStore.selectRows(sql, "t", {
        where: [
          { slot: 0, op: "eq", value: "open" },
          { slot: 1, op: "lt", value: "2021-03-01" }
        ],
        orderBySlot: 1
      })
    ],
    [
      "an applicant key + main topic (repeated appeals: AppealRecords.earlierAppeals)",
      ["i0", "i1"],
      SqlStore.selectRows(sql, "appeal_applicants", {
        where: [
          { slot: 0, op: "eq", value: "p:cbf29ce484222325" },
          { slot: 1, op: "eq", value: "0005.0005.0056.1134" }
        ]
      })
    ],
    [
      "a period range",
      ["i1"],
      SqlStore.selectRows(sql, "t", {
        where: [
          { slot: 1, op: "gte", value: "2021-03" },
          { slot: 1, op: "lte", value: "2021-05" }
        ]
      })
    ],
    [
      "division + period",
      ["i2"],
      SqlStore.selectRows(sql, "t", {
        where: [
          { slot: 2, op: "eq", value: "d-1" },
          { slot: 1, op: "gte", value: "2021-03" }
        ]
      })
    ],
    [
      "official + period",
      ["i3"],
      SqlStore.selectRows(sql, "t", {
        where: [
          { slot: 3, op: "eq", value: "o-1" },
          { slot: 1, op: "lte", value: "2021-03" }
        ]
      })
    ],
    ["a page by key", ["key"], SqlStore.selectRows(sql, "t", { afterKey: "k", limit: 10 })],
    // due soon (AppealRecords.Due, issue 20): the statements the library issues, as recorded below
    ...dueSoonShapes.map(
      ([name, columns, q]) => [name, columns, SqlStore.selectRows(sql, AppealRecords.Due.name, q)] as const
    ),
    ["monthly counters", ["k0"], SqlStore.selectCounters(sql, "appeals_monthly", ["2021-03"])],
    [
      "read a stream",
      ["stream_id"],
      sql`SELECT * FROM cityhall_events WHERE category = ${"appeal"} AND stream_id = ${"A-1"} ORDER BY version`
    ],
    [
      "read all after a position",
      ["rowid", "position"],
      sql`SELECT * FROM cityhall_events WHERE position > ${10} ORDER BY position LIMIT 100`
    ]
  ] as const

const explainSqlite = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const [name, columns, statement] of shapes(sql)) {
    const [text, params] = statement.compile()
    const plan = yield* sql.unsafe<{ readonly detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params)
    const details = plan.map((p) => p.detail).join("; ")
    expect(details, name).not.toMatch(/SCAN cityhall_/)
    // the index search is constrained by a filtered column, not just walked
    expect(
      columns.some((c) => new RegExp(`SEARCH cityhall_\\w+ USING .*\\b${c}[=<>]`).test(details)),
      `${name}: ${details}`
    ).toBe(true)
  }
})

// A search (Ports.Search) starts from its full-text index: FTS5's on SQLite, the GIN indexes on PostgreSQL.
const search = (sql: SqlClient.SqlClient) =>
  SqlStore.selectSearch(sql, "search/appeals", {
    terms: ["дорога", "ленина"],
    personal: true,
    where: [{ slot: 0, op: "eq", value: "d-1" }],
    limit: 10
  })

describe("sql indexes", () => {
  it.layer(SqliteStore.layerForTesting({ filename: ":memory:" }))("sqlite", (it) => {
    it.effect("every read-model query is an index search", () => explainSqlite)
    it.effect("a search starts from the FTS5 index", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const [text, params] = search(sql).compile()
        const plan = yield* sql.unsafe<{ readonly detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params)
        const details = plan.map((p) => p.detail).join("; ")
        expect(details, details).toMatch(/^SCAN s VIRTUAL TABLE INDEX/)
        expect(details).not.toMatch(/SCAN (r|d)\b/)
      })
    )
  })

  const url = process.env["CITYHALL_PG_URL"]
  describe.skipIf(url === undefined || url === "")("postgres", () => {
    const layer = PostgresStore.layerForTesting({
      url: Redacted.make(url ?? ""),
      schema: `cityhall_idx_${process.pid}_${Date.now()}`,
      dropSchemaOnClose: true
    })
    it.layer(layer)((it) => {
      it.effect("every read-model query uses an index when sequential scans are disabled", () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          for (const [name, columns, statement] of shapes(sql)) {
            const [text, params] = statement.compile()
            const plan = yield* sql.withTransaction(
              Effect.zipRight(
                sql`SET LOCAL enable_seqscan = off`,
                sql.unsafe<{ readonly "QUERY PLAN": string }>(`EXPLAIN ${text}`, params)
              )
            )
            const lines = plan.map((p) => p["QUERY PLAN"]).join("\n")
            expect(lines, name).not.toMatch(/Seq Scan/)
            expect(
              columns.some((c) => new RegExp(`Index Cond: .*\\b${c}"? [=<>]`).test(lines)),
              `${name}: ${lines}`
            ).toBe(true)
          }
          // the search, on 3 000 analysed documents of which few have the words: the GIN index (the planner
          // takes it over a scan of so small a table only when told; the other shapes above are asked alike)
          const rm = yield* Ports.ReadModels.ReadModels
          yield* rm.write(
            Array.from({ length: 3000 }, (_, i) => ({
              _tag: "RowUpsert" as const,
              table: "search/appeals",
              key: `a-${i}`,
              data: { public: i % 500 === 0 ? "яма на дорога у дома ленина" : `двор w${i} крыша`, personal: "" },
              index: ["d-1", null, null, null] as const
            }))
          )
          yield* sql.unsafe("ANALYZE cityhall_search")
          yield* sql.unsafe("ANALYZE cityhall_rows")
          const [text, params] = search(sql).compile()
          const plan = yield* sql.withTransaction(
            Effect.zipRight(
              sql`SET LOCAL enable_seqscan = off`,
              sql.unsafe<{ readonly "QUERY PLAN": string }>(`EXPLAIN ${text}`, params)
            )
          )
          const lines = plan.map((p) => p["QUERY PLAN"]).join("\n")
          expect(lines).not.toMatch(/Seq Scan/)
          expect(lines, lines).toMatch(/Bitmap Index Scan on cityhall_search_words/)
          yield* rm.clear({ tables: ["search/appeals"], counters: [] })
        })
      )
    })
  })
})
