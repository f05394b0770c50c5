import { it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Option, Redacted } from "effect"
import { describe, expect } from "vitest"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqlStore } from "../../adapters/sql/index.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import type { DivisionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import { emptySnapshot, ReadModels, type RowQuery } from "../../src/ports/ReadModels.js"

// The explain plans of the overdue query and the monthly-analysis queries on
// 10^6 appeals in PostgreSQL, with the planner free to choose (sequential
// scans allowed): none may scan a table. The statements explained are the
// ones the library issues: `AppealRecords.overdueOn` (also for one division)
// and `AppealRecords.monthly` run against a read-model service that records
// each query and counter read, and the SQL adapter's own statement is built
// for each record. The rows are generated in SQL (generate_series) into the
// adapter's own tables, in a dedicated schema, shaped as the appeal
// projections write them: 96 months (2019..2026), 3 % of the appeals open,
// the rest closed, each also in the by-period table; both monthly counters.

const url = process.env["CITYHALL_PG_URL"]
const N = 1_000_000
// Filling 10^6 appeals takes one to several minutes on two cores, so this
// runs in the reliability suite (`npm run test:reliability`, in CI), not in `npm test`.
if (url === undefined || url === "")
  console.log(
    "postgres explain plans on 10^6 appeals skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )

const fill = (sql: SqlClient.SqlClient) =>
  Effect.gen(function* () {
    const month = (g: string) => `to_char(date '2019-01-01' + ((${g} % 96) * interval '1 month'), 'YYYY-MM')`
    const day = (g: string, plus: string) =>
      `to_char(date '2019-01-01' + ((${g} % 96) * interval '1 month') + ((${g} / 96) % 28 + ${plus}) * interval '1 day', 'YYYY-MM-DD')`
    const division = (g: string) => `(array['economy','housing','transport','education','social'])[${g} % 5 + 1]`
    yield* sql.unsafe(`INSERT INTO cityhall_rows (tbl, key, data, i0, i1, i2, i3)
      SELECT CASE WHEN g % 33 = 0 THEN '${AppealRecords.Open.name}' ELSE '${AppealRecords.ClosedAppeals.name}' END,
             'appeal-' || g, '{"appealId":"appeal-' || g || '"}',
             ${month("g")},
             CASE WHEN g % 33 = 0 THEN ${day("g", "30")} ELSE ${day("g", "20")} END,
             ${division("g")},
             CASE WHEN g % 33 = 0 THEN 'UnderConsideration' ELSE 'answered' END
      FROM generate_series(1, ${N}) AS g`)
    yield* sql.unsafe(`INSERT INTO cityhall_rows (tbl, key, data, i0, i1, i2, i3)
      SELECT '${AppealRecords.ByPeriod.name}', 'appeal-' || g, '{}', (array['written','electronic','oral'])[g % 3 + 1], ${day("g", "0")}, ${division("g")}, 'mayor'
      FROM generate_series(1, ${N}) AS g`)
    // the monthly counter: every month x channel x topic x division x outcome x timing combination seen
    yield* sql.unsafe(`INSERT INTO cityhall_counters (name, key, k0, value)
      SELECT '${AppealRecords.Monthly.name}', json_build_array(m, c, t, d, o, 'onTime')::text, m, 1 + (length(m || c || t || d || o) % 7)
      FROM (SELECT DISTINCT ${month("g")} AS m FROM generate_series(0, 95) AS g) months,
           unnest(array['written','electronic','oral']) AS c,
           unnest(array['0005.0005','0003.0009','0002.0007','0001.0002','0004.0016','0002.0013','0003.0008','0005.0005.0056']) AS t,
           unnest(array['economy','housing','transport','education','social','none']) AS d,
           unnest(array['answered','forwardedByCompetence','noAnswerAnonymous','correspondenceEnded','open']) AS o`)
    yield* sql.unsafe(`INSERT INTO cityhall_counters (name, key, k0, value)
      SELECT '${AppealRecords.Profile.name}', json_build_array(m, a, k, t, r)::text, m, 1 + (length(m || a || k || t || r) % 5)
      FROM (SELECT DISTINCT ${month("g")} AS m FROM generate_series(0, 95) AS g) months,
           unnest(array['mayor','deputyMayor:deputy-1','division:housing','division:transport']) AS a,
           unnest(array['individual','collective']) AS k,
           unnest(array['proposal','statement','complaint','request']) AS t,
           unnest(array['supported','measuresTaken','notSupported','explained','none']) AS r`)
    yield* sql.unsafe(`ANALYZE cityhall_rows`)
    yield* sql.unsafe(`ANALYZE cityhall_counters`)
  })

const explain = (
  sql: SqlClient.SqlClient,
  statement: { readonly compile: () => readonly [string, ReadonlyArray<unknown>] }
) =>
  Effect.map(
    Effect.suspend(() => {
      const [text, params] = statement.compile()
      return sql.unsafe<{ readonly "QUERY PLAN": string }>(`EXPLAIN ${text}`, params)
    }),
    (rows) => rows.map((r) => r["QUERY PLAN"]).join("\n")
  )

type Read =
  | { readonly _tag: "rows"; readonly table: string; readonly query: RowQuery }
  | { readonly _tag: "counters"; readonly counter: string; readonly prefix: ReadonlyArray<string> }

/** The read-model reads an effect makes, recorded by a read-model service that answers nothing. */
const readsOf = <A, E>(self: Effect.Effect<A, E, ReadModels>): Effect.Effect<ReadonlyArray<Read>, E> =>
  Effect.suspend(() => {
    const reads: Array<Read> = []
    const recorder: ReadModels.Service = {
      get: () => Effect.succeed(Option.none()),
      query: (table, query) => Effect.sync(() => (reads.push({ _tag: "rows", table, query }), [])),
      counters: (counter, prefix = []) => Effect.sync(() => (reads.push({ _tag: "counters", counter, prefix }), [])),
      write: () => Effect.void,
      clear: () => Effect.void,
      snapshot: Effect.succeed(emptySnapshot)
    }
    return Effect.as(Effect.provideService(self, ReadModels, recorder), reads)
  })

describe.skipIf(url === undefined || url === "")("postgres explain plans on 10^6 appeals", () => {
  it.layer(
    PostgresStore.layerForTesting({
      url: Redacted.make(url ?? ""),
      schema: `cityhall_big_${process.pid}_${Date.now()}`,
      dropSchemaOnClose: true
    }),
    {
      timeout: "600 seconds"
    }
  )((it) => {
    it.effect(
      "the overdue query and the monthly analysis's queries use indexes, never a sequential scan",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* fill(sql)
          const count = yield* sql<{
            readonly n: string
          }>`SELECT count(*) AS n FROM cityhall_rows WHERE tbl IN (${AppealRecords.Open.name}, ${AppealRecords.ClosedAppeals.name})`
          expect(Number(count[0]?.n)).toBe(N)
          const day = Period.unsafeDay("2024-04-05")
          const queries = [
            ["overdue on a day", yield* readsOf(AppealRecords.overdueOn(day))],
            [
              "overdue on a day, one division",
              yield* readsOf(AppealRecords.overdueOn(day, { division: "housing" as DivisionId }))
            ],
            [
              "the monthly analysis (the month and the same month a year before)",
              yield* readsOf(AppealRecords.monthly(Period.unsafeMonth("2024-03"), day))
            ]
          ] as const
          // overdueOn: one row query each; the monthly analysis: per month two counters and two row queries
          expect(queries.map(([, reads]) => reads.length)).toEqual([1, 1, 8])
          const shapes = queries.flatMap(([name, reads]) =>
            reads.map((r, i) =>
              r._tag === "rows"
                ? ([
                    `${name} #${i + 1}: ${r.table} ${JSON.stringify(r.query)}`,
                    SqlStore.selectRows(sql, r.table, r.query)
                  ] as const)
                : ([
                    `${name} #${i + 1}: counter ${r.counter} ${JSON.stringify(r.prefix)}`,
                    SqlStore.selectCounters(sql, r.counter, r.prefix)
                  ] as const)
            )
          )
          for (const [name, statement] of shapes) {
            const plan = yield* explain(sql, statement)
            console.log(`EXPLAIN ${name}:\n${plan}`)
            expect(plan, name).not.toMatch(/Seq Scan/)
            expect(plan, name).toMatch(/Index (Only )?Scan|Bitmap Index Scan/)
          }
        }),
      600_000
    )
  })
})
