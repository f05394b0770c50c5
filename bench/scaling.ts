/**
 * Scaling benchmarks (issue 10), medians of repetitions, ratios within one run:
 *
 * 1. the monthly analysis (`AppealRecords.monthly`: the month with the same
 *    month of the previous year) and the overdue query
 *    (`AppealRecords.overdueOn`) on stores of 10^4, 10^5 and 10^6 appeals
 *    (quick: 10^3 and 10^4), in SQLite and in PostgreSQL (when
 *    CITYHALL_PG_URL is set; in a schema of its own, dropped at the end).
 *    Goals: the analysis flat, the overdue query bound by its answer (an
 *    index range), not by the store; the query plan of the overdue query is
 *    taken on every store (`EXPLAIN QUERY PLAN` / `EXPLAIN`).
 *
 *    Every store holds the same base: BASE real appeals (register, assign,
 *    nine in ten answered) registered in the analysed month and the same
 *    month a year before, appended through `EventStore.appendMany` (events,
 *    rows and counters, as an import writes them). The history around them
 *    is copies of the base's read-model rows and counters re-keyed into the
 *    months after the analysed one (2021-04..2026-12): keys and appeal ids
 *    prefixed, the registration day moved into the month (same day of
 *    month, at most the 28th) and the due and closing days moved with it,
 *    the indexed fields taken from the moved row as the projection takes
 *    them; counters re-keyed by month. They are written through the
 *    adapter's `ReadModels.write` (the library's bulk write), one copy of
 *    BASE appeals per transaction; the store grows in place from one size to
 *    the next. The queries read only read models, so the history has no
 *    events. Every open appeal of the history falls due after the query
 *    day, so the overdue answer (the base's overdue appeals) is the same in
 *    every store while the open-appeals table grows with the store.
 *    PostgreSQL's tables are ANALYZEd after each fill (as autovacuum would
 *    after such a load); SQLite gets nothing the adapter does not do.
 *
 * 2. peak RSS of `cityhall import` (a separate process; `/usr/bin/time`'s
 *    maximum resident set size when present, else its VmHWM polled from
 *    /proc) on JSON Lines files of 10^5 and 10^6 appeals at the default
 *    batch size, and 10^5 at a 10x batch (quick: 1,000 and 2,000 appeals
 *    side by side): the goal is memory bound by the batch size, not by the
 *    file size.
 */
import { spawn } from "node:child_process"
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { SqlClient } from "@effect/sql"
import { type Context, Effect, Layer, Redacted, Schema } from "effect"
import * as Format from "../adapters/cli/import/Format.js"
import { PostgresStore } from "../adapters/postgres/index.js"
import { SqlStore } from "../adapters/sql/index.js"
import { SqliteStore } from "../adapters/sqlite/index.js"
import * as App from "../src/app/index.js"
import * as Appeal from "../src/appeals/Appeal.js"
import * as AppealCommand from "../src/appeals/AppealCommand.js"
import * as AppealRecords from "../src/appeals/AppealRecords.js"
import type { Topic } from "../src/appeals/index.js"
import type { ActorId, AppealId, DivisionId } from "../src/kernel/Ids.js"
import * as Period from "../src/kernel/Period.js"
import * as Reporting from "../src/reporting/index.js"
import { type AppendBatch, EventStore } from "../src/ports/EventStore.js"
import {
  coalesce,
  type CounterIncrement,
  type IndexValues,
  ReadModels,
  type RowUpsert,
  type Write
} from "../src/ports/ReadModels.js"
import { median } from "./harness.js"
import { appeals } from "./storage.js"

const root = fileURLToPath(new URL("../", import.meta.url))
/** A progress line on stderr (the results go to stdout): the full run takes many minutes. */
const progress = (line: string) => process.stderr.write(`scaling: ${line}\n`)

// ---------------------------------------------------------------------------
// 1. The monthly analysis and the overdue query by store size

const ANALYSED = Period.unsafeMonth("2021-03")
const ANALYSED_MONTHS: ReadonlyArray<Period.Month> = [ANALYSED, Period.samePeriodPreviousYear(ANALYSED)]
/** The day of the analysis, and the day the overdue query asks about. */
const AS_OF = Period.unsafeDay("2021-04-05")
/** The annual report measured: the analysed month's year, as of its last day (its months after March hold history copies). */
const REPORT_YEAR = 2021
const REPORT_AS_OF = Period.unsafeDay("2021-12-31")
const REPORT_SAMPLES = 7
/** The base's months: every month of the reported year and of the year before (the annual report reads all 24). */
const BASE_MONTHS = Period.months(Period.unsafeHorizon("2020..2021"))
/** The history's months: the years after the base's. */
const HISTORY_MONTHS = Period.months(Period.unsafeHorizon("2022..2026"))
const TABLES = new Map<string, ReadonlyArray<string>>(
  [AppealRecords.Open, AppealRecords.ClosedAppeals, AppealRecords.ByPeriod, AppealRecords.ByTopic].map((t) => [
    t.name,
    t.indexed
  ])
)

/** The base's net read-model rows and counters: what each copy of the history re-keys. */
interface Template {
  readonly rows: ReadonlyArray<RowUpsert>
  readonly counters: ReadonlyArray<CounterIncrement>
  readonly openRows: number
}

const templateOf = (writes: ReadonlyArray<Write>): Template => {
  const { counters, rows } = coalesce(writes)
  // the tables the measured queries read; the others (owners, applicants, due soon, search) are not copied
  const upserts = rows.filter((r): r is RowUpsert => r._tag === "RowUpsert" && TABLES.has(r.table))
  return { rows: upserts, counters, openRows: upserts.filter((u) => u.table === AppealRecords.Open.name).length }
}

const DAY_MS = 86_400_000
const movedDays = new Map<string, string>()
const moveDay = (day: string, days: number): string => {
  const k = `${day}|${days}`
  let moved = movedDays.get(k)
  if (moved === undefined)
    movedDays.set(k, (moved = new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)))
  return moved
}

/** Days from the first of one month to the first of another. */
const monthShift = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}-01T00:00:00Z`) - Date.parse(`${from}-01T00:00:00Z`)) / DAY_MS)

/** Copy `k` of the base's rows and counters, re-keyed into `month`. */
const historyCopy = (template: Template, k: number, month: Period.Month): ReadonlyArray<Write> => {
  const prefix = `h${k}-`
  const out: Array<Write> = []
  for (const u of template.rows) {
    const data = u.data as Readonly<Record<string, unknown>>
    const registeredOn = String(data["registeredOn"])
    const newDay = `${month}-${String(Math.min(28, Number(registeredOn.slice(8, 10)))).padStart(2, "0")}`
    const shift = Math.round((Date.parse(`${newDay}T00:00:00Z`) - Date.parse(`${registeredOn}T00:00:00Z`)) / DAY_MS)
    const moved: Record<string, unknown> = {
      ...data,
      appealId: `${prefix}${String(data["appealId"])}`,
      registeredOn: newDay
    }
    if ("month" in data) moved["month"] = month
    for (const f of ["answerDue", "closedOn"]) {
      const d = data[f]
      if (typeof d === "string") moved[f] = moveDay(d, shift)
    }
    const fields = TABLES.get(u.table)!
    const at = (i: number): string | null => {
      const f = fields[i]
      const v = f === undefined ? undefined : moved[f]
      return typeof v === "string" ? v : null
    }
    const index: IndexValues = [at(0), at(1), at(2), at(3)]
    out.push({ _tag: "RowUpsert", table: u.table, key: `${prefix}${u.key}`, data: moved, index })
  }
  for (const c of template.counters) {
    // the due-day counter's day moves with the appeals (month, answer due day)
    const key =
      c.counter === AppealRecords.DueDays.name
        ? [month, moveDay(c.key[1]!, monthShift(c.key[0]!, month))]
        : [month, ...c.key.slice(1)]
    out.push({ ...c, key })
  }
  // the base's months fold into one: one increment per counter key
  const { rows, counters } = coalesce(out)
  return [...rows, ...counters]
}

/** One engine: its store layer (with the SQL client exposed), how it explains a query, what it does after a fill. */
interface Engine {
  readonly name: "SQLite" | "PostgreSQL"
  readonly layer: Layer.Layer<EventStore | ReadModels | SqlClient.SqlClient, unknown>
  readonly explain: (
    sql: SqlClient.SqlClient,
    text: string,
    params: ReadonlyArray<unknown>
  ) => Effect.Effect<string, unknown>
  /** Whether a plan is an index search of the rows table with no full scan. */
  readonly indexSearch: (plan: string) => boolean
  readonly afterFill: (sql: SqlClient.SqlClient) => Effect.Effect<void, unknown>
}

const sqliteEngine = (filename: string): Engine => ({
  name: "SQLite",
  layer: SqlStore.layer().pipe(Layer.provideMerge(SqliteStore.client(filename))),
  explain: (sql, text, params) =>
    Effect.map(sql.unsafe<{ readonly detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params), (rows) =>
      rows.map((r) => r.detail).join("; ")
    ),
  indexSearch: (plan) =>
    !/SCAN cityhall_/.test(plan) &&
    /SEARCH cityhall_rows USING (COVERING )?INDEX cityhall_rows_i1 \(tbl=\? AND i1<\?\)/.test(plan),
  afterFill: () => Effect.void
})

const postgresEngine = (url: string, suffix = ""): Engine => {
  const schema = `cityhall_bench_scaling_${process.pid}${suffix}`
  const client = PostgresStore.client({ url: Redacted.make(url), schema })
  // the schema created for the run and dropped with the layer (as PostgresStore's dropSchemaOnClose)
  const ownSchema = Layer.scopedDiscard(
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.acquireRelease(sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`), () =>
        Effect.ignore(sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))
      )
    )
  )
  return {
    name: "PostgreSQL",
    layer: SqlStore.layer().pipe(Layer.provideMerge(ownSchema.pipe(Layer.provideMerge(client)))),
    explain: (sql, text, params) =>
      Effect.map(sql.unsafe<{ readonly "QUERY PLAN": string }>(`EXPLAIN ${text}`, params), (rows) =>
        rows.map((r) => r["QUERY PLAN"]).join("\n")
      ),
    indexSearch: (plan) =>
      !/Seq Scan/.test(plan) &&
      /(Index (Only )?Scan using|Bitmap Index Scan on) cityhall_rows_i1\b[\s\S]*Index Cond: \(\(tbl = [^)]*\) AND \(i1 < [^)]*\)\)/.test(
        plan
      ),
    afterFill: (sql) =>
      Effect.asVoid(Effect.zipRight(sql.unsafe("ANALYZE cityhall_rows"), sql.unsafe("ANALYZE cityhall_counters")))
  }
}

interface Point {
  readonly appeals: number
  readonly openAppeals: number
  readonly analysisMedianMs: number
  readonly overdueMedianMs: number
  readonly overdueFound: number
  readonly analysedAppeals: number
  /** The time to grow the store to this size (the base: its appendMany; then the history copies). */
  readonly fillSeconds: number
  readonly overduePlanIndexSearch: boolean
  /** The annual report of the analysed year as of its last day (`App.Reports.annualDocument`: figures from the counters), median. */
  readonly annualReportMedianMs: number
  /** The monthly analysis document of the analysed month (`App.Reports.monthlyDocument`), median. */
  readonly monthlyReportMedianMs: number
  /** Appeals of the reported year and the year before, as the annual report counts them. */
  readonly annualAppeals: number
}

/** The report documents every entry point writes (CLI `report`, the report pages, the API), from the counters. */
const annualRequest = { year: REPORT_YEAR, asOf: REPORT_AS_OF, lang: "ru" as const }
const monthlyRequest = { month: ANALYSED, asOf: AS_OF, lang: "ru" as const }
const reportCity = App.City.layerOf(App.City.reference)
const timeIt = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<number, E, R> =>
  Effect.suspend(() => {
    const t0 = performance.now()
    return Effect.map(effect, () => performance.now() - t0)
  })

/**
 * The reports on the largest store and on a store of the base alone (its
 * own file or schema), timed alternately in the same minutes, so that the
 * machine's load, which moves over a run of many minutes, falls on both
 * alike: the ratio the goal is read from.
 */
const interleavedReports = (
  small: Engine,
  large: Context.Context<EventStore | ReadModels>,
  base: ReadonlyArray<AppendBatch>,
  rounds: number
) =>
  Effect.gen(function* () {
    const smallContext = yield* Layer.build(small.layer)
    yield* Effect.provide(
      Effect.flatMap(EventStore, (store) => store.appendMany(base)),
      smallContext
    )
    const on = (ctx: Context.Context<EventStore | ReadModels>) => ({
      annual: timeIt(Effect.provide(Effect.provide(App.Reports.annualDocument(annualRequest), reportCity), ctx)),
      monthly: timeIt(Effect.provide(Effect.provide(App.Reports.monthlyDocument(monthlyRequest), reportCity), ctx)),
      analysis: timeIt(Effect.provide(AppealRecords.monthly(ANALYSED, AS_OF), ctx)),
      overdue: timeIt(Effect.provide(AppealRecords.overdueOn(AS_OF), ctx))
    })
    const s = on(smallContext),
      l = on(large)
    // warm-up
    yield* s.annual
    yield* l.annual
    yield* s.monthly
    yield* l.monthly
    const times = {
      smallAnnual: [] as Array<number>,
      largeAnnual: [] as Array<number>,
      smallMonthly: [] as Array<number>,
      largeMonthly: [] as Array<number>,
      smallAnalysis: [] as Array<number>,
      largeAnalysis: [] as Array<number>,
      smallOverdue: [] as Array<number>,
      largeOverdue: [] as Array<number>
    }
    for (let r = 0; r < rounds; r++) {
      times.largeAnnual.push(yield* l.annual)
      times.smallAnnual.push(yield* s.annual)
      times.largeMonthly.push(yield* l.monthly)
      times.smallMonthly.push(yield* s.monthly)
      times.largeAnalysis.push(yield* l.analysis)
      times.smallAnalysis.push(yield* s.analysis)
      times.largeOverdue.push(yield* l.overdue)
      times.smallOverdue.push(yield* s.overdue)
    }
    const m = (xs: ReadonlyArray<number>) => Number(median(xs).toFixed(3))
    return {
      smallAppeals: base.length,
      annualMs: { small: m(times.smallAnnual), large: m(times.largeAnnual) },
      monthlyMs: { small: m(times.smallMonthly), large: m(times.largeMonthly) },
      analysisMs: { small: m(times.smallAnalysis), large: m(times.largeAnalysis) },
      overdueMs: { small: m(times.smallOverdue), large: m(times.largeOverdue) },
      annualRatio: Number((median(times.largeAnnual) / median(times.smallAnnual)).toFixed(3)),
      monthlyRatio: Number((median(times.largeMonthly) / median(times.smallMonthly)).toFixed(3)),
      analysisRatio: Number((median(times.largeAnalysis) / median(times.smallAnalysis)).toFixed(3)),
      overdueRatio: Number((median(times.largeOverdue) / median(times.smallOverdue)).toFixed(3))
    }
  }).pipe(Effect.scoped)

const byStoreSize = (
  engine: Engine,
  base: ReadonlyArray<AppendBatch>,
  template: Template,
  sizes: ReadonlyArray<number>,
  samples: number,
  /** A second store of the same engine for the base alone: the reports are timed on it and the largest store in turn. */
  small: Engine
) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const rm = yield* ReadModels
    const sql = yield* SqlClient.SqlClient
    const points: Array<Point> = []
    const answers: Array<string> = []
    const plans: Array<string> = []
    let copies = 0
    for (const size of sizes) {
      const t0 = performance.now()
      if (copies === 0 && points.length === 0) yield* store.appendMany(base)
      const wanted = Math.round(size / base.length) - 1
      for (; copies < wanted; copies++)
        yield* rm.write(historyCopy(template, copies, HISTORY_MONTHS[copies % HISTORY_MONTHS.length]!))
      yield* engine.afterFill(sql)
      const fillMs = performance.now() - t0
      // warm-up, then alternate the two queries
      yield* AppealRecords.monthly(ANALYSED, AS_OF)
      yield* AppealRecords.overdueOn(AS_OF)
      const analysisMs: Array<number> = []
      const overdueMs: Array<number> = []
      let report: AppealRecords.Report | undefined
      let found = 0
      for (let s = 0; s < samples; s++) {
        const t1 = performance.now()
        report = yield* AppealRecords.monthly(ANALYSED, AS_OF)
        analysisMs.push(performance.now() - t1)
        const t2 = performance.now()
        found = (yield* AppealRecords.overdueOn(AS_OF)).length
        overdueMs.push(performance.now() - t2)
      }
      answers.push(JSON.stringify(report))
      const city = reportCity
      yield* Effect.provide(App.Reports.annualDocument(annualRequest), city)
      yield* Effect.provide(App.Reports.monthlyDocument(monthlyRequest), city)
      const annualMs: Array<number> = []
      const monthlyMs: Array<number> = []
      let annualAppeals = 0
      for (let s = 0; s < REPORT_SAMPLES; s++) {
        const t1 = performance.now()
        const doc = yield* Effect.provide(App.Reports.annualDocument(annualRequest), city)
        annualMs.push(performance.now() - t1)
        const t2 = performance.now()
        yield* Effect.provide(App.Reports.monthlyDocument(monthlyRequest), city)
        monthlyMs.push(performance.now() - t2)
        if (s === 0) {
          const figures = yield* Reporting.Records.read(Reporting.Records.forAnnual(REPORT_YEAR, REPORT_AS_OF))
          annualAppeals = [...figures.appealFigures!.analyses.values()].reduce((n, a) => n + a.total, 0)
          if (doc.sections.length === 0) throw new Error("the annual report has no section")
        }
      }
      // the statement overdueOn issues, explained on this store
      const [text, params] = SqlStore.selectRows(sql, AppealRecords.Open.name, {
        where: [{ slot: 1, op: "lt", value: AS_OF }],
        orderBySlot: 1
      }).compile()
      const plan = yield* engine.explain(sql, text, params)
      plans.push(plan)
      progress(
        `${engine.name} ${base.length * (copies + 1)} appeals: filled in ${(fillMs / 1000).toFixed(1)} s, analysis ${median(analysisMs).toFixed(1)} ms, overdue ${median(overdueMs).toFixed(1)} ms, annual report ${median(annualMs).toFixed(1)} ms (${annualAppeals} appeals), monthly report ${median(monthlyMs).toFixed(1)} ms`
      )
      points.push({
        appeals: base.length * (copies + 1),
        openAppeals: template.openRows * (copies + 1),
        analysisMedianMs: Number(median(analysisMs).toFixed(3)),
        overdueMedianMs: Number(median(overdueMs).toFixed(3)),
        overdueFound: found,
        analysedAppeals: report === undefined ? 0 : report.analysis.total + report.previousYear.total,
        fillSeconds: Number((fillMs / 1000).toFixed(1)),
        overduePlanIndexSearch: engine.indexSearch(plan),
        annualReportMedianMs: Number(median(annualMs).toFixed(3)),
        monthlyReportMedianMs: Number(median(monthlyMs).toFixed(3)),
        annualAppeals
      })
    }
    const first = points[0]!,
      last = points[points.length - 1]!
    const interleaved = yield* interleavedReports(
      small,
      yield* Effect.context<EventStore | ReadModels>(),
      base,
      REPORT_SAMPLES * 2
    )
    return {
      reports: {
        ...interleaved,
        goal: `issue 19: the annual report on the ${last.appeals} store within 2x of the ${base.length} one (timed in turn), and the annual report and the monthly analysis on it in at most 1 s`,
        met: interleaved.annualRatio <= 2 && interleaved.annualMs.large <= 1000 && interleaved.monthlyMs.large <= 1000
      },
      name: `monthly analysis and overdue query by store size, ${engine.name}`,
      analysed: { month: ANALYSED, asOf: AS_OF, previousYear: ANALYSED_MONTHS[1] },
      overdueOn: AS_OF,
      samples,
      points,
      // read from the rounds timed in turn on the largest store and the base's (the sizes in between are timed as they come)
      analysisRatio: interleaved.analysisRatio,
      overdueRatio: interleaved.overdueRatio,
      sameAnalysis: answers.every((a) => a === answers[0]),
      sameOverdue: points.every((p) => p.overdueFound === first.overdueFound),
      overduePlanLargest: plans[plans.length - 1],
      goal: `analysis flat and overdue query index-bound: the ${last.appeals} store within 2x of the ${first.appeals} one, same answers, overdue plan an index search on every store`,
      met:
        interleaved.analysisRatio <= 2 &&
        interleaved.overdueRatio <= 2 &&
        answers.every((a) => a === answers[0]) &&
        points.every((p) => p.overdueFound === first.overdueFound && p.overduePlanIndexSearch)
    }
  }).pipe(Effect.provide(engine.layer))

// ---------------------------------------------------------------------------
// 2. Peak RSS of the CLI import

const ACTOR = "clerk-1" as ActorId
const TOPIC = "0005.0005.0056.1134" as Topic.TopicCode

/** Writes `n` appeal records (register, assign, answer) in the import format, streaming. */
const writeImportFile = async (file: string, n: number): Promise<number> => {
  const encode = Schema.encodeSync(Format.ImportRecord)
  const id = "RSS-0000000" as AppealId
  const history: Format.ImportRecord = {
    kind: "appeal",
    history: [
      new AppealCommand.RegisterAppeal({
        appealId: id,
        registrationNumber: Appeal.registrationNumber("ОГ", 2021, 9_999_999),
        channel: "written",
        kind: "individual",
        type: "statement",
        addressee: new Appeal.ToMayor({}),
        applicant: new Appeal.Applicant({
          name: Redacted.make("Заявитель 9999999"),
          postalAddress: Redacted.make("680000, ул. Ленина, д. 9999999")
        }),
        text: Redacted.make("Прошу отремонтировать дорогу во дворе"),
        topics: [TOPIC],
        relatedAppeals: [],
        receivedAt: new Date("2021-02-01T00:00:00Z"),
        at: new Date("2021-02-01T01:00:00Z"),
        actor: ACTOR
      }),
      new AppealCommand.AssignToDivision({
        appealId: id,
        division: "housing" as DivisionId,
        at: new Date("2021-02-02T01:00:00Z"),
        actor: ACTOR
      }),
      new AppealCommand.AnswerOnMerits({
        appealId: id,
        result: "explained",
        form: "written",
        at: new Date("2021-02-20T01:00:00Z"),
        actor: ACTOR
      })
    ]
  }
  const template = JSON.stringify(encode(history))
  const out = createWriteStream(file, { encoding: "utf8" })
  let bytes = 0
  const CHUNK = 2_000
  for (let from = 0; from < n; from += CHUNK) {
    const lines: Array<string> = []
    for (let i = from; i < Math.min(n, from + CHUNK); i++) {
      const seq = String(i + 1).padStart(7, "0")
      lines.push(
        template
          .replaceAll("RSS-0000000", `RSS-${seq}`)
          .replaceAll("ОГ-2021-9999999", `ОГ-2021-${seq}`)
          .replaceAll("9999999", String(i + 1))
      )
    }
    const chunk = lines.join("\n") + "\n"
    bytes += Buffer.byteLength(chunk)
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()))
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  return bytes
}

const TIME = "/usr/bin/time"

/**
 * Runs `cityhall import` as a separate process and reports its peak RSS: `/usr/bin/time -f %M`
 * (the kernel's maxrss of the process) when present, else its VmHWM polled from /proc every 50 ms.
 */
const importPeak = (file: string, db: string, batchSize: number) =>
  cliPeak(["import", file, "--db", db, "--batch-size", String(batchSize)], `${db}.time`)

/**
 * Runs the CLI (`node --import tsx adapters/cli/main.ts ARGS`) in a child
 * process: its wall time, exit code, stdout and peak RSS (`/usr/bin/time`'s
 * maximum resident set size when present, written to `timeFile`; else its
 * VmHWM polled from /proc).
 */
export const cliPeak = (cliArgs: ReadonlyArray<string>, timeFile: string) =>
  new Promise<{
    readonly peakRssMiB: number
    readonly source: string
    readonly ms: number
    /** The process's CPU time, user + system, in seconds (with /usr/bin/time; else null). */
    readonly cpuSeconds: number | null
    readonly code: number | null
    readonly stdout: string
    readonly stderr: string
  }>((resolve) => {
    const t0 = performance.now()
    const cli = [process.execPath, "--import", "tsx", "adapters/cli/main.ts", ...cliArgs]
    const viaTime = existsSync(TIME)
    const [command, ...args] = viaTime ? [TIME, "-f", "%M %U %S", "-o", timeFile, ...cli] : cli
    const child = spawn(command!, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
    let stderr = ""
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    let peakKiB = 0
    const poll = viaTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))
            if (m !== null) peakKiB = Math.max(peakKiB, Number(m[1]))
          } catch {
            // the process is gone: the last reading stands
          }
        }, 50)
    child.on("exit", (code) => {
      if (poll !== undefined) clearInterval(poll)
      let cpuSeconds: number | null = null
      if (viaTime) {
        const lines = readFileSync(timeFile, "utf8").trim().split("\n")
        const [kib, user, system] = (lines[lines.length - 1] ?? "").split(" ").map(Number)
        peakKiB = kib ?? 0
        cpuSeconds = Number(((user ?? 0) + (system ?? 0)).toFixed(2))
      }
      resolve({
        peakRssMiB: Math.round(peakKiB / 1024),
        source: viaTime ? "/usr/bin/time %M" : "VmHWM polled",
        ms: Math.round(performance.now() - t0),
        cpuSeconds,
        code,
        stdout,
        stderr
      })
    })
  })

const importRss = async (dir: string, quick: boolean): Promise<Record<string, unknown>> => {
  const small = quick ? 1_000 : 100_000
  const large = quick ? 2 * small : 1_000_000
  const plan: ReadonlyArray<readonly [number, number]> = quick
    ? [
        [small, 500],
        [large, 500]
      ]
    : [
        [small, 500],
        [large, 500],
        [small, 5_000]
      ]
  const one = async ([appeals, batchSize]: readonly [number, number]): Promise<Record<string, unknown>> => {
    const file = path.join(dir, `import-${appeals}-${batchSize}.jsonl`)
    const db = path.join(dir, `import-${appeals}-${batchSize}.sqlite`)
    const t0 = performance.now()
    const bytes = await writeImportFile(file, appeals)
    const writeMs = performance.now() - t0
    const r = await importPeak(file, db, batchSize)
    progress(
      `import of ${appeals} appeals at batch ${batchSize}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakRssMiB} MiB`
    )
    for (const f of [file, db, `${db}-wal`, `${db}-shm`, `${db}.time`]) rmSync(f, { force: true })
    const counts = r.code === 0 ? (JSON.parse(r.stdout) as { readonly imported: number }) : { imported: -1 }
    return {
      appeals,
      fileMiB: Number((bytes / 2 ** 20).toFixed(1)),
      fileWriteSeconds: Number((writeMs / 1000).toFixed(1)),
      batchSize,
      peakRssMiB: r.peakRssMiB,
      seconds: Number((r.ms / 1000).toFixed(1)),
      appealsPerSecond: Math.round((appeals / r.ms) * 1000),
      imported: counts.imported,
      peakRssFrom: r.source
    }
  }
  const runs: Array<Record<string, unknown>> = []
  // quick: the two small imports side by side (peak RSS is per process; their times are not comparable)
  if (quick) runs.push(...(await Promise.all(plan.map(one))))
  else for (const p of plan) runs.push(await one(p))
  const [a, b] = runs as [{ readonly peakRssMiB: number }, { readonly peakRssMiB: number }]
  const ratio = b.peakRssMiB / a.peakRssMiB
  return {
    name: "cityhall import: peak RSS by file size and batch size",
    runs,
    fileSizeRatio: large / small,
    rssRatio: Number(ratio.toFixed(3)),
    allImported: runs.every((r, i) => r["imported"] === plan[i]![0]),
    goal: `bounded by the batch size: ${large / small}x the file adds < 25 % RSS`,
    ...(quick
      ? {
          met: null,
          note: "not judged at quick sizes: below some 10^4 appeals the import's heap is still growing at any batch size (2,000 / 4,000 / 8,000 appeals peak at about 265 / 295 / 370 MiB at batch 100 or 500); the full run judges 10^5 against 10^6"
        }
      : { met: ratio < 1.25 && runs.every((r, i) => r["imported"] === plan[i]![0]) })
  }
}

// ---------------------------------------------------------------------------

export const run = async (quick: boolean): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-scaling-"))
  try {
    const figures: Array<Record<string, unknown>> = []
    const baseSize = quick ? 1_000 : 10_000
    const sizes = quick ? [baseSize, 10 * baseSize] : [baseSize, 10 * baseSize, 100 * baseSize]
    const samples = quick ? 9 : 21
    const t0 = performance.now()
    const base = appeals(baseSize, BASE_MONTHS, "a")
    const template = templateOf(base.flatMap((b) => b.writes ?? []))
    figures.push({
      name: "the stores' base: real appeals decided and encoded (not timed in the figures)",
      appeals: baseSize,
      months: `${BASE_MONTHS[0]}..${BASE_MONTHS[BASE_MONTHS.length - 1]}`,
      readModelRows: template.rows.length,
      counterKeys: template.counters.length,
      ms: Math.round(performance.now() - t0)
    })
    figures.push(
      await Effect.runPromise(
        byStoreSize(
          sqliteEngine(path.join(dir, "scaling.db")),
          base,
          template,
          sizes,
          samples,
          sqliteEngine(path.join(dir, "scaling-base.db"))
        )
      )
    )
    rmSync(path.join(dir, "scaling.db"), { force: true })
    rmSync(path.join(dir, "scaling-base.db"), { force: true })
    const url = process.env["CITYHALL_PG_URL"]
    if (url === undefined || url === "")
      figures.push({
        name: "monthly analysis and overdue query by store size, PostgreSQL",
        skipped: "set CITYHALL_PG_URL to run it"
      })
    else
      figures.push(
        await Effect.runPromise(
          byStoreSize(postgresEngine(url), base, template, sizes, samples, postgresEngine(url, "_base"))
        )
      )
    // `--stores-only`: the stores' figures without the import's peak RSS (12 of the 17 minutes of a full run)
    if (!process.argv.includes("--stores-only")) figures.push(await importRss(dir, quick))
    return figures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  run(process.argv.includes("--quick")).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}
