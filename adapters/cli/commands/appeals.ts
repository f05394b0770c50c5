/**
 * `cityhall appeals …`: citizens' appeals under 59-FZ — the due dates of an
 * answer, and on a store the appeals due soon and the search.
 *
 * @module
 */
import { Effect, Either, ParseResult, Schema } from "effect"
import { App, Appeals } from "../../../src/index.js"
import { Decode, Ids, type Period, type Term, TimeZone } from "../../../src/kernel/index.js"
import * as AppealDue from "../AppealDue.js"
import { command, group } from "../Command.js"
import { exportJournal, remind } from "./appealRecords.js"
import { domain, fromDomain, InputError, json } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import * as Values from "../Values.js"

const POLICIES: Record<string, Term.EndOfTermPolicy> = {
  previous: "previousWorkingDay",
  next: "nextWorkingDay",
  none: "none"
}

/** `cityhall appeals due`: the due dates of an answer, as JSON. */
export const due = command({
  name: "due",
  summary: "Due dates of the answer to an appeal (59-FZ art. 12), as JSON",
  description: [
    "Counts 30 calendar days from the day after registration (59-FZ art. 12 p. 1) on the production calendar of the Russian Federation. When the last day is not a working day, --policy decides: previous (the last working day before it; the default), next (the first working day after it), none (the day as it falls).",
    "--extended-days adds an extension of at most 30 days (59-FZ art. 12 p. 2), counted from the original nominal due date; more is an error. --registered takes a local day, or an instant with an offset converted to the local day in --tz.",
    "Every year from 2019 to 2199 is counted: the official years (shipped 2019-2026, or loaded with --calendar FILE) and the rest provisionally by the Labour Code alone; a due date that rests on a provisional year says provisional: true.",
    "Output keys: registered, timeZone, policy, presidentialNonWorkingDays, termDays, source, nominalDue, due, provisional, calendar { officialThrough }, extension (null, or { days, nominalDue, due, provisional, source })."
  ],
  options: {
    registered: {
      type: "string",
      value: "DATE",
      description: "day of registration YYYY-MM-DD, or an instant such as 2020-12-31T20:00:00Z",
      required: true
    },
    "extended-days": { type: "string", value: "N", description: "days of extension, 1..30" },
    policy: {
      type: "string",
      value: "POLICY",
      choices: ["previous", "next", "none"],
      default: "previous",
      description: "where a due date on a day off moves"
    },
    tz: {
      type: "string",
      value: "ZONE",
      default: TimeZone.KHABAROVSK,
      description: "the administration's IANA time zone"
    },
    "no-decree-days": { type: "boolean", description: "ignore the presidential non-working days of 2020 and 2021" },
    ...Values.calendarOption,
    format: { type: "string", value: "FORMAT", choices: ["json"], default: "json", description: "output format" }
  },
  examples: [
    "cityhall appeals due --registered 2021-03-01",
    "cityhall appeals due --registered 2021-03-01 --extended-days 30",
    "cityhall appeals due --registered 2021-04-08 --no-decree-days",
    "cityhall appeals due --registered 2027-05-15 --calendar docs/calendar.example.json",
    "cityhall appeals due --registered 2020-12-31T20:00:00Z --tz Asia/Vladivostok --policy next"
  ],
  run: ({ options }) =>
    Either.gen(function* () {
      const timeZone = yield* Values.timeZone("--tz", options.tz)
      const registered = yield* Values.dayOrInstant("--registered", options.registered, timeZone)
      const extended = options["extended-days"]
      const extendedDays =
        extended === undefined ? undefined : yield* Values.integer("--extended-days", extended, 1, 3660)
      const policy = POLICIES[options.policy] ?? "previousWorkingDay"
      const presidentialNonWorkingDays = !options["no-decree-days"]
      const calendar = yield* Values.calendar("--calendar", options.calendar, presidentialNonWorkingDays)
      const result = yield* domain(
        AppealDue.dueDates({
          registered,
          policy,
          timeZone,
          calendar,
          ...(extendedDays === undefined ? {} : { extendedDays })
        })
      )
      return json({
        registered: result.registered,
        timeZone,
        policy,
        presidentialNonWorkingDays,
        termDays: AppealDue.TERM_DAYS,
        source: "59-FZ art. 12 p. 1",
        nominalDue: result.nominalDue,
        due: result.due,
        provisional: result.provisional,
        calendar: { officialThrough: calendar.officialThrough ?? null },
        extension: result.extension === undefined ? null : { ...result.extension, source: "59-FZ art. 12 p. 2" }
      })
    })
})

const divisionOf = (input: string | undefined): Either.Either<Ids.DivisionId | undefined, InputError> =>
  input === undefined
    ? Either.right(undefined)
    : Either.mapLeft(
        Decode.unknownEither(Ids.DivisionId)(input),
        (e) =>
          new InputError({
            kind: "InvalidDivision",
            message: `--division: ${ParseResult.TreeFormatter.formatErrorSync(e)}`
          })
      )

const encodeRow = Schema.encodeSync(Appeals.AppealRecords.AppealRow)
const encodeDueRow = Schema.encodeSync(Appeals.AppealRecords.DueRow)

const executorOf = (input: string | undefined): Either.Either<Ids.OfficialId | undefined, InputError> =>
  input === undefined
    ? Either.right(undefined)
    : Either.mapLeft(
        Decode.unknownEither(Ids.OfficialId)(input),
        (e) =>
          new InputError({
            kind: "InvalidExecutor",
            message: `--executor: ${ParseResult.TreeFormatter.formatErrorSync(e)}`
          })
      )

/** The command line acts as the system (an administrator): whoever runs it holds the store. */
const cli = App.Principal.system("cli")

const onStore = {
  ...Setup.storeOptions,
  ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`),
  ...Values.calendarOption
} as const

/** `cityhall appeals due-soon`: what open appeals have due (answers, notices) within N days, as JSON. */
export const dueSoon = command({
  name: "due-soon",
  summary: "What open appeals have due (answers, notices) within N days (the reminders), from a store, as JSON",
  description: [
    "What open appeals have due from --on (default: today in the city's zone) to the --within-th working day after it (the city's production calendar; --calendar-days counts calendar days instead), both included; --within is 0 to 60: the legal answer (59-FZ art. 12, under the city's term policy and calendar), and, for an appeal not yet accepted for consideration (not assigned to a division), the notice: forwarding by competence with a notice, or a notice under art. 11, 7 days from registration (59-FZ art. 8 p. 3, art. 11 p. 2, p. 4, p. 4.1, p. 5.1). --division keeps one division's, --executor one executor's. The same use case as GET /appeals/due-soon?workingDays=N (App.Appeals.dueSoon), run as the system.",
    "Output keys: on, within, until, division and executor (null when not given), count, items (one per appeal and thing due: the appeal's row — appealId, registrationNumber, registeredOn, answerDue, division, executor, state, channel, topic, …; no personal data — with dueKind, answer or notice, and due, its day), ordered by appeal id, then kind."
  ],
  options: {
    within: { type: "string", value: "N", description: "working days from --on, 0..60", required: true },
    "calendar-days": { type: "boolean", description: "count --within in calendar days, not working days" },
    on: { type: "string", value: "DATE", description: "the day counted from, YYYY-MM-DD (default: today)" },
    division: { type: "string", value: "ID", description: "only the appeals assigned to this division" },
    executor: { type: "string", value: "ID", description: "only the appeals whose executor is this official" },
    ...onStore
  },
  examples: [
    "cityhall appeals due-soon --within 3",
    "cityhall appeals due-soon --within 3 --executor ivanov",
    "cityhall appeals due-soon --within 3 --division housing --store postgres://cityhall@127.0.0.1:5432/city",
    "cityhall appeals due-soon --within 7 --on 2020-03-16 --db demo.sqlite"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const within = yield* Values.integer("--within", options.within, 0, 60)
      const unit: App.Appeals.DueSoonUnit = options["calendar-days"] === true ? "days" : "workingDays"
      const given = options.on === undefined ? undefined : yield* Values.day("--on", options.on)
      const division = yield* divisionOf(options.division)
      const executor = yield* executorOf(options.executor)
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const all = Effect.gen(function* () {
        const on: Period.Day = given ?? (yield* App.City.today)
        const items: Array<Appeals.AppealRecords.DueRow> = []
        let after: string | undefined
        do {
          const page = yield* App.Appeals.dueSoon(cli, {
            on,
            days: within,
            unit,
            limit: 500,
            ...(division !== undefined ? { division } : {}),
            ...(executor !== undefined ? { executor } : {}),
            ...(after !== undefined ? { after } : {})
          })
          items.push(...page.items)
          after = page.next
        } while (after !== undefined)
        return { on, until: (yield* App.Appeals.dueSoonWindow(on, within, unit)).to, items }
      }).pipe(
        Effect.provide(App.City.layerOf(setup.city)),
        Effect.mapError((e) =>
          e._tag === "InvalidRequest"
            ? new InputError({ kind: e._tag, message: `--within: ${e.message}` })
            : fromDomain(e, setup.storeOption)
        )
      )
      const r = yield* Stores.withStore(setup.storeOption, setup.store, false, all, "check")
      return json({
        on: r.on,
        within,
        unit,
        until: r.until,
        division: division ?? null,
        executor: executor ?? null,
        count: r.items.length,
        items: r.items.map((row) => encodeDueRow(row))
      })
    })
})

/** `cityhall appeals search`: appeals by the words of their texts and applicants, as JSON. */
export const search = command({
  name: "search",
  summary: "Appeals whose text (or applicant) has every word of QUERY, from a store, as JSON",
  description: [
    "Full-text search (App.Appeals.search, the same as GET /appeals/search?q=): an appeal is found when every word of QUERY is a word of its text or of its applicant's name, e-mail or postal address (the command line acts as the system, which sees personal data). Words are letters and digits, in any case, ё as е. PostgreSQL also finds other forms of a word (the russian text-search configuration: дорога finds дороги, дорогам); SQLite and memory find the word as written (docs/appeals.md).",
    "QUERY: 1 to 200 characters with a word of 3 or more letters or digits; quotes, *, parentheses and the operators AND, OR, NOT, NEAR are refused (InvalidRequest naming QUERY, exit code 1), never passed to the engine.",
    "Output keys: query, personal, count, items (each appeal's row, no personal data; by appeal id), next (the appeal id to give to --after for the next page; absent on the last page)."
  ],
  arguments: [{ name: "QUERY", description: "the words to find", required: true }],
  options: {
    division: { type: "string", value: "ID", description: "only the appeals assigned to this division" },
    limit: { type: "string", value: "N", default: "50", description: "appeals per page, 1..1000" },
    after: { type: "string", value: "ID", description: "the page after this appeal id (the previous page's next)" },
    ...onStore
  },
  examples: [
    'cityhall appeals search "яма дорога"',
    'cityhall appeals search "Ленина 5" --division housing --limit 20',
    'cityhall appeals search "мусор" --store postgres://cityhall@127.0.0.1:5432/city'
  ],
  run: ({ arguments: args, options }) =>
    Effect.gen(function* () {
      const query = args[0] ?? ""
      const limit = yield* Values.integer("--limit", options.limit, 1, 1000)
      const division = yield* divisionOf(options.division)
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const found = App.Appeals.search(cli, query, {
        limit,
        ...(division !== undefined ? { division } : {}),
        ...(options.after !== undefined ? { after: options.after } : {})
      }).pipe(
        Effect.provide(App.City.layerOf(setup.city)),
        Effect.mapError((e) =>
          e._tag === "InvalidRequest" && e.field === "q"
            ? new InputError({ kind: e._tag, message: e.message.replace(/^q: /, "QUERY: ") })
            : fromDomain(e, setup.storeOption)
        )
      )
      const page = yield* Stores.withStore(setup.storeOption, setup.store, false, found, "check")
      return json({
        query,
        personal: page.personal,
        count: page.items.length,
        items: page.items.map((row) => encodeRow(row)),
        ...(page.next !== undefined ? { next: page.next } : {})
      })
    })
})

/** The `appeals` group. */
export const appeals = group("appeals", "citizens' appeals under Federal Law 59-FZ", [
  due,
  dueSoon,
  search,
  exportJournal,
  remind
])
