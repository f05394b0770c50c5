/**
 * The CLI in process: every command's output and help, every kind of error,
 * JSON stability, and the dispatcher's own rules on a list of test entries.
 * `run` is what the spawned process runs (main.ts only writes its result).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { entries, EXIT_INTERNAL, run, type Result } from "../../adapters/cli/Cli.js"
import { command, group, wrap } from "../../adapters/cli/Command.js"
import { json, text } from "../../adapters/cli/Output.js"

const cli = (...args: ReadonlyArray<string>): Result => Effect.runSync(run(args))
const scratch = mkdtempSync(join(tmpdir(), "cityhall-cli-"))
let files = 0
const calendarText = (text: string): string => {
  const path = join(scratch, `calendar-${++files}.json`)
  writeFileSync(path, text)
  return path
}
const calendarFile = (data: unknown): string => calendarText(JSON.stringify(data))
const ok = (...args: ReadonlyArray<string>): string => {
  const r = cli(...args)
  expect(r.stderr).toBe("")
  expect(r.exitCode).toBe(0)
  return r.stdout
}
const parsed = (...args: ReadonlyArray<string>) => JSON.parse(ok(...args))
const fails = (code: 1 | 2, ...args: ReadonlyArray<string>): string => {
  const r = cli(...args)
  expect(r.exitCode).toBe(code)
  expect(r.stdout).toBe("")
  const lines = r.stderr.trimEnd().split("\n")
  expect(lines).toHaveLength(1)
  return lines[0]!
}

/** Every key of every object, recursively, is in sorted order. */
const sortedDeep = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.every(sortedDeep)
    : v !== null && typeof v === "object"
      ? Object.keys(v).every((k, i, ks) => i === 0 || ks[i - 1]! < k) && Object.values(v).every(sortedDeep)
      : true

describe("help on every level", () => {
  it("cityhall --help lists every command of every group", () => {
    const out = ok("--help")
    for (const e of entries) {
      if (e._tag === "Group") for (const c of e.commands) expect(out).toContain(`${e.name} ${c.name}`)
    }
    expect(ok("help")).toBe(out)
    expect(ok()).toContain(out)
  })

  it("each group's --help lists its commands", () => {
    for (const e of entries) {
      if (e._tag !== "Group") continue
      const out = ok(e.name, "--help")
      expect(out).toContain(`Usage: cityhall ${e.name} <command> [options]`)
      for (const c of e.commands) expect(out).toContain(`  ${c.name}`)
      expect(ok(e.name, "-h")).toBe(out)
    }
  })

  it("each command's --help has usage, every option, and examples that run", () => {
    for (const e of entries) {
      if (e._tag !== "Group") continue
      for (const c of e.commands) {
        const out = ok(e.name, c.name, "--help")
        expect(out).toContain(`Usage: cityhall ${e.name} ${c.name}`)
        for (const o of Object.keys(c.options)) expect(out).toContain(`--${o}`)
        expect(out).toContain("-h, --help")
        expect(c.examples.length).toBeGreaterThan(0)
        for (const ex of c.examples) {
          expect(out).toContain(ex)
          // commands on a store (--db) run end to end in report.e2e.test.ts; on a configuration, in city.test.ts
          if ("db" in c.options || "config" in c.options) continue
          // the example runs: split it as a shell would (double quotes only)
          const args = [...ex.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1)
          expect(cli(...args).exitCode, ex).toBe(0)
        }
      }
    }
  })

  it("each top-level command's --help (import, demo, serve) has usage, every option, and its examples", () => {
    const top = entries.filter((e) => e._tag === "Command")
    expect(top.map((c) => c.name)).toEqual(["import", "demo", "serve", "init", "migrate", "rebuild"])
    for (const c of top) {
      const out = ok(c.name, "--help")
      expect(out).toContain(`Usage: cityhall ${c.name}`)
      for (const o of Object.keys(c.options)) expect(out).toContain(`--${o}`)
      for (const a of c.arguments) expect(out).toContain(a.name)
      expect(out).toContain("-h, --help")
      expect(c.examples.length).toBeGreaterThan(0)
      for (const ex of c.examples) expect(out).toContain(ex)
      expect(ok(c.name, "-h")).toBe(out)
    }
  })

  it("--help wins over anything wrong on the same line", () => {
    expect(ok("appeals", "due", "--bogus", "-h")).toContain("Usage: cityhall appeals due")
  })
})

describe("usage errors: one line, exit 2", () => {
  it("unknown command, group command, option; missing command", () => {
    expect(fails(2, "budget")).toBe(
      "cityhall: usage: unknown command 'budget'; commands: elections, appeals, calendar, report, import, demo, serve, init, migrate, rebuild, token; see 'cityhall --help'"
    )
    expect(fails(2, "elections", "ballots")).toContain("unknown command 'ballots'; elections has deadline, calendar")
    expect(fails(2, "elections")).toBe(
      "cityhall elections: usage: missing command; elections has deadline, calendar; see 'cityhall elections --help'"
    )
    expect(fails(2, "--verbose")).toContain("unknown option '--verbose'")
    expect(fails(2, "appeals", "due", "--registered", "2021-03-01", "--days", "3")).toContain("unknown option '--days'")
  })

  it("missing required option, missing value, unexpected argument, repeated option", () => {
    expect(fails(2, "appeals", "due")).toBe(
      "cityhall appeals due: usage: missing required option '--registered DATE'; see 'cityhall appeals due --help'"
    )
    expect(fails(2, "appeals", "due", "--registered")).toContain("option '--registered' needs a value; see")
    expect(fails(2, "appeals", "due", "--registered", "--no-decree-days")).toContain(
      "option '--registered' needs a value"
    )
    expect(fails(2, "appeals", "due", "--registered", "2021-03-01", "extra")).toContain("unexpected argument 'extra'")
    expect(fails(2, "appeals", "due", "--registered", "2021-03-01", "--registered", "2021-03-02")).toContain(
      "option '--registered' is given more than once"
    )
  })

  it("a value outside the choices", () => {
    expect(fails(2, "appeals", "due", "--registered", "2021-03-01", "--policy", "later")).toContain(
      "option '--policy' takes previous, next, none; got 'later'"
    )
    expect(fails(2, "elections", "calendar", "--voting-day", "2021-09-19", "--format", "html")).toContain(
      "option '--format' takes md, json"
    )
  })
})

describe("appeals due", () => {
  it("the worked examples, and the policies", () => {
    expect(parsed("appeals", "due", "--registered", "2021-03-01")).toStrictEqual({
      calendar: { officialThrough: "2026-12-31" },
      due: "2021-03-31",
      extension: null,
      nominalDue: "2021-03-31",
      policy: "previousWorkingDay",
      presidentialNonWorkingDays: true,
      provisional: false,
      registered: "2021-03-01",
      source: "59-FZ art. 12 p. 1",
      termDays: 30,
      timeZone: "Asia/Vladivostok"
    })
    expect(parsed("appeals", "due", "--registered", "2021-03-01", "--extended-days", "30").extension).toStrictEqual({
      days: 30,
      provisional: false,
      due: "2021-04-30",
      nominalDue: "2021-04-30",
      source: "59-FZ art. 12 p. 2"
    })
    expect(parsed("appeals", "due", "--registered", "2021-04-08").due).toBe("2021-04-30")
    expect(parsed("appeals", "due", "--registered", "2021-04-08", "--no-decree-days").due).toBe("2021-05-07")
    expect(parsed("appeals", "due", "--registered", "2021-04-08", "--policy", "next").due).toBe("2021-05-11")
    expect(parsed("appeals", "due", "--registered", "2021-04-08", "--policy", "none").due).toBe("2021-05-08")
  })

  it("an instant becomes the local day in --tz", () => {
    const out = parsed("appeals", "due", "--registered", "2020-12-31T20:00:00Z")
    expect(out).toMatchObject({ registered: "2021-01-01", due: "2021-01-29" })
    expect(parsed("appeals", "due", "--registered", "2020-12-31T20:00:00Z", "--tz", "Europe/Moscow").registered).toBe(
      "2020-12-31"
    )
  })

  it("the extension counts from the original nominal due date, not the moved one", () => {
    // nominal 2021-05-08 (Saturday) moved to 2021-04-30; +10 days counts from 8 May: 18 May
    expect(parsed("appeals", "due", "--registered", "2021-04-08", "--extended-days", "10").extension).toMatchObject({
      nominalDue: "2021-05-18",
      due: "2021-05-18"
    })
  })

  it("input errors: exit 1 with the kind and the option", () => {
    expect(fails(1, "appeals", "due", "--registered", "2021-03-01", "--extended-days", "31")).toContain(
      "ExtensionTooLong"
    )
    expect(fails(1, "appeals", "due", "--registered", "2021-03-01", "--extended-days", "0")).toBe(
      'cityhall appeals due: InvalidNumber: --extended-days: expected a whole number from 1 to 3660, got "0"'
    )
    expect(fails(1, "appeals", "due", "--registered", "2021-03-01", "--extended-days", "ten")).toContain(
      "InvalidNumber"
    )
    expect(fails(1, "appeals", "due", "--registered", "01.03.2021")).toContain("InvalidPeriod: --registered:")
    expect(fails(1, "appeals", "due", "--registered", "2021-03-01T10:00")).toContain("InvalidInstant: --registered:")
    // strict, as every instant: an impossible date or time is refused, not rolled over
    expect(fails(1, "appeals", "due", "--registered", "2021-02-30T10:00Z")).toContain("InvalidInstant: --registered:")
    expect(fails(1, "appeals", "due", "--registered", "2021-03-01T24:00+10:00")).toContain(
      "InvalidInstant: --registered:"
    )
    expect(fails(1, "appeals", "due", "--registered", "2021-03-01", "--tz", "Mars/Olympus")).toContain(
      "UnknownTimeZone: --tz:"
    )
    expect(fails(1, "appeals", "due", "--registered", "2018-03-01")).toContain("DeadlineUnavailable")
  })

  it("registers on any day 2019..2199: after the official data the due date is provisional (2026-12-02, 2027-05-15)", () => {
    expect(parsed("appeals", "due", "--registered", "2026-12-02")).toMatchObject({
      nominalDue: "2027-01-01",
      due: "2026-12-30",
      provisional: true
    })
    expect(parsed("appeals", "due", "--registered", "2027-05-15")).toMatchObject({
      nominalDue: "2027-06-14",
      due: "2027-06-11",
      provisional: true
    })
    expect(parsed("appeals", "due", "--registered", "2027-05-15", "--policy", "next").due).toBe("2027-06-15")
    expect(parsed("appeals", "due", "--registered", "2027-05-15", "--policy", "none").due).toBe("2027-06-14")
  })

  it("--calendar FILE loads a city's official year: the due date moves and is no longer provisional", () => {
    const file = calendarFile({
      format: "cityhall.calendar/1",
      years: [
        {
          year: 2027,
          source: "Постановление (пример)",
          transfers: [
            { from: "01-02", to: "06-11" },
            { from: "01-03", to: "12-31" }
          ]
        }
      ]
    })
    expect(parsed("appeals", "due", "--registered", "2027-05-15", "--calendar", file)).toMatchObject({
      due: "2027-06-10",
      provisional: false,
      calendar: { officialThrough: "2027-12-31" }
    })
  })

  it("a calendar file that is missing, not JSON, malformed or contradictory: exit 1 naming the field, the day and the rule", () => {
    expect(fails(1, "appeals", "due", "--registered", "2027-05-15", "--calendar", "/nonexistent/cal.json")).toContain(
      "NoFile: --calendar /nonexistent/cal.json"
    )
    expect(fails(1, "calendar", "day", "--day", "2027-05-15", "--calendar", calendarText("{not json"))).toContain(
      "InvalidCalendarData: --calendar"
    )
    const onto = calendarFile({
      format: "cityhall.calendar/1",
      years: [{ year: 2027, source: "x", transfers: [{ from: "01-02", to: "02-23" }] }]
    })
    expect(fails(1, "calendar", "day", "--day", "2027-05-15", "--calendar", onto)).toMatch(
      /InvalidCalendarData: --calendar \S+: years\[0\]\.transfers\[0\]\.to: .*\(rule transferOntoDayOff, day 2027-02-23\)$/
    )
    const unknown = calendarFile({
      format: "cityhall.calendar/1",
      years: [{ year: 2027, source: "x", transfers: [], extra: 1 }]
    })
    expect(fails(1, "import", "x.jsonl", "--calendar", unknown)).toBeDefined()
    expect(fails(1, "calendar", "working-days", "--period", "2027", "--calendar", unknown)).toContain("years[0].extra")
  })
})

describe("elections deadline", () => {
  const rule = (phrase: string, ...more: ReadonlyArray<string>) => [
    "elections",
    "deadline",
    "--rule",
    phrase,
    "--voting-day",
    "2021-09-19",
    ...more
  ]

  it("text: the date; first allowed days and windows are marked", () => {
    expect(ok(...rule("не позднее чем за 40 дней до дня голосования"))).toBe("2021-08-09\n")
    expect(ok(...rule("не позднее чем за 1 день до дня голосования", "--voting-days", "1"))).toBe("2021-09-17\n")
    expect(ok(...rule("не позднее чем за 1 день до первого дня голосования"))).toBe("2021-09-15\n") // 17-19 September by default for 2021-09-19
    expect(ok(...rule("не ранее чем за 40 дней до дня голосования"))).toBe("2021-08-09 (first allowed day)\n")
    expect(
      ok(
        ...rule(
          "в течение 10 дней со дня официального опубликования решения о назначении выборов",
          "--published-on",
          "2021-06-18"
        )
      )
    ).toBe("2021-06-28 (allowed from 2021-06-18)\n")
  })

  it("json: the documented keys, sorted", () => {
    const out = parsed(...rule("Не позднее, чем за 40 дней до дня голосования.", "--format", "json"))
    expect(out).toStrictEqual({
      anchor: "votingDay",
      bound: "last",
      date: "2021-08-09",
      days: 40,
      from: null,
      kind: "NotLaterThanBefore",
      publishedOn: null,
      rule: "не позднее чем за 40 дней до дня голосования",
      source: "67-FZ art. 11.1",
      to: "2021-08-09",
      votingDays: ["2021-09-17", "2021-09-18", "2021-09-19"]
    })
  })

  it("errors: phrase not understood, task anchors, missing publication, bad voting days", () => {
    expect(fails(1, ...rule("не позднее чем за сорок дней до дня голосования"))).toBe(
      'cityhall elections deadline: PhraseNotUnderstood: --rule: not understood at offset 18: "сорок дней до дня голосования"; expected a number of days (1..999)'
    )
    expect(fails(1, ...rule("в течение 3 дней со дня выполнения мероприятия «lists»"))).toContain("UnknownAnchor")
    expect(fails(2, ...rule("со дня официального опубликования решения о назначении выборов"))).toContain(
      "give --published-on DATE"
    )
    expect(fails(1, ...rule("не позднее чем за 40 дней до дня голосования", "--voting-days", "4"))).toContain(
      "InvalidNumber: --voting-days"
    )
    expect(
      fails(
        1,
        "elections",
        "deadline",
        "--rule",
        "не позднее чем за 40 дней до дня голосования",
        "--voting-day",
        "19.09.2021"
      )
    ).toContain("InvalidPeriod: --voting-day")
  })
})

describe("elections calendar", () => {
  it("the 2021 reference: three elections by default, the premises task's three dates, 26 June kept", () => {
    const out = parsed("elections", "calendar", "--voting-day", "2021-09-19", "--format", "json")
    expect(sortedDeep(out)).toBe(true)
    expect(out.tasks.map((t: { id: string; date: string }) => `${t.date} ${t.id}`)).toStrictEqual([
      "2021-06-26 premises-for-commissions",
      "2021-08-09 polling-station-lists",
      "2021-08-12 premises-on-website",
      "2021-08-19 campaign-material-places",
      "2021-09-08 voter-information",
      "2021-09-15 equipment-and-transport",
      "2021-09-15 security-with-police"
    ])
    const premises = out.tasks[0]
    expect(premises.conflict.chosen).toBe("2021-06-26")
    expect(premises.conflict.dates.map((d: { date: string }) => d.date)).toStrictEqual([
      "2021-07-02",
      "2021-06-26",
      "2021-06-28"
    ])
    expect(out.tasks[1]).toMatchObject({
      conflict: null,
      from: null,
      to: "2021-08-09",
      rules: ["не позднее чем за 40 дней до дня голосования"],
      termByLaw: true,
      sources: ["67-FZ art. 19 p. 7"]
    })
    // stable: the same bytes on every run, and the named elections give the same as the default
    const again = ok(
      "elections",
      "calendar",
      "--voting-day",
      "2021-09-19",
      "--format",
      "json",
      "--election",
      "state-duma",
      "--election",
      "governor",
      "--election",
      "city-duma-3"
    )
    expect(again).toBe(ok("elections", "calendar", "--voting-day", "2021-09-19", "--format", "json"))
  })

  it("markdown: elections, a table of tasks by date, the conflicts explained", () => {
    const md = ok("elections", "calendar", "--voting-day", "2021-09-19")
    expect(md).toMatch(/^# Election calendar of the administration: voting 2021-09-17 to 2021-09-19\n/)
    expect(md).toContain("| Date | Task | Rule | Responsible | Elections | Source |")
    expect(md).toContain("| 2021-08-09 | Опубликование списков избирательных участков")
    expect(md).toContain("| 2021-06-26 ⚠ |")
    expect(md).toContain("## Different dates for one task (⚠)")
    expect(md.split("\n").filter((l) => l.startsWith("| 20"))).toHaveLength(7)
  })

  it("other voting days: elections with their publication days; one election has no conflict", () => {
    const out = parsed(
      "elections",
      "calendar",
      "--voting-day",
      "2026-09-20",
      "--election",
      "state-duma@2026-06-19",
      "--election",
      "city-duma-7@2026-06-22",
      "--format",
      "json"
    )
    expect(out.votingDays).toStrictEqual(["2026-09-20"])
    expect(out.elections.map((e: { id: string; kind: string }) => `${e.id} ${e.kind}`)).toStrictEqual([
      "city-duma-district-7-2026 byElection",
      "state-duma-2026 regular"
    ])
    expect(out.tasks.find((t: { id: string }) => t.id === "polling-station-lists").date).toBe("2026-08-10")
    const single = parsed(
      "elections",
      "calendar",
      "--voting-day",
      "2026-09-20",
      "--election",
      "governor@2026-06-10",
      "--format",
      "json"
    )
    expect(single.tasks.every((t: { conflict: unknown }) => t.conflict === null)).toBe(true)
    expect(single.tasks.find((t: { id: string }) => t.id === "equipment-and-transport").date).toBe("2026-09-18")
  })

  it("errors: unknown election, no publication day, twice the same, published too late, bad day", () => {
    expect(fails(2, "elections", "calendar", "--voting-day", "2021-09-19", "--election", "mayor")).toContain(
      "unknown election 'mayor'"
    )
    expect(fails(2, "elections", "calendar", "--voting-day", "2026-09-20")).toContain(
      "name the elections of 2026-09-20 with --election"
    )
    expect(fails(2, "elections", "calendar", "--voting-day", "2026-09-20", "--election", "city-duma")).toContain(
      "--election city-duma needs the day its calling decision was published"
    )
    expect(
      fails(
        2,
        "elections",
        "calendar",
        "--voting-day",
        "2021-09-19",
        "--election",
        "governor",
        "--election",
        "governor"
      )
    ).toContain("election governor-2021 is named more than once")
    expect(
      fails(1, "elections", "calendar", "--voting-day", "2026-09-20", "--election", "state-duma@2026-09-20")
    ).toContain(
      "InvalidElectionInput: --election state-duma@2026-09-20: Election.calling.publishedOn: the calling decision must be published before the first voting day"
    )
    expect(fails(1, "elections", "calendar", "--voting-day", "2026-09-20", "--election", "state-duma@June")).toContain(
      "InvalidPeriod: --election state-duma@June"
    )
  })
})

describe("calendar", () => {
  it("day: kind, neighbours, with and without the decree layer", () => {
    expect(ok("calendar", "day", "--day", "2021-05-04")).toBe(
      "2021-05-04 (Tuesday): day off — presidentialNonWorking\nprevious working day 2021-04-30, next 2021-05-11\n"
    )
    expect(parsed("calendar", "day", "--day", "2021-05-04", "--no-decree-days", "--format", "json")).toStrictEqual({
      day: "2021-05-04",
      kind: "working",
      nextWorkingDay: "2021-05-05",
      presidentialNonWorkingDays: false,
      previousWorkingDay: "2021-04-30",
      provisional: false,
      source: "Постановление Правительства РФ от 10.10.2020 № 1648",
      weekday: "Tuesday",
      working: true
    })
  })

  it("day: a provisional year says so (14 June 2027, the day off for Saturday 12 June)", () => {
    expect(ok("calendar", "day", "--day", "2027-06-14")).toBe(
      "2027-06-14 (Monday): day off — holidayCompensation (provisional: no official data for the year; Labour Code only)\nprevious working day 2027-06-11, next 2027-06-15\n"
    )
    expect(parsed("calendar", "day", "--day", "2029-11-05", "--format", "json")).toMatchObject({
      kind: "holidayCompensation",
      working: false,
      provisional: true
    })
    expect(fails(1, "calendar", "day", "--day", "2018-12-31")).toContain("CalendarOutOfRange: --day")
  })

  it("schema: the calendar file's JSON Schema, as docs/calendar.schema.json has it", () => {
    expect(parsed("calendar", "schema")).toStrictEqual(
      JSON.parse(readFileSync(new URL("../../docs/calendar.schema.json", import.meta.url), "utf8"))
    )
  })

  it("working-days: the official totals, by month", () => {
    expect(
      parsed("calendar", "working-days", "--period", "2020", "--no-decree-days", "--format", "json").workingDays
    ).toBe(248)
    const y2021 = parsed("calendar", "working-days", "--period", "2021", "--format", "json")
    expect(y2021.workingDays).toBe(240)
    expect(y2021.months).toHaveLength(12)
    expect(ok("calendar", "working-days", "--period", "2021-Q2", "--no-decree-days")).toMatch(
      /^2021-Q2: \d+ working days of 91 \(without the presidential non-working days\)\n  2021-04/
    )
    expect(fails(1, "calendar", "working-days", "--period", "2018")).toContain("CalendarOutOfRange: --period")
    const y2030 = parsed("calendar", "working-days", "--period", "2030", "--format", "json")
    expect(y2030.provisional).toBe(true)
    expect(y2030.months.every((m: { readonly provisional: boolean }) => m.provisional)).toBe(true)
    expect(parsed("calendar", "working-days", "--period", "2026", "--format", "json").provisional).toBe(false)
    expect(ok("calendar", "working-days", "--period", "2030-01")).toMatch(/provisional/)
  })
})

describe("the dispatcher, on test entries", () => {
  const echo = command({
    name: "import",
    summary: "echoes its file",
    options: {
      tag: { type: "string", value: "T", multiple: true, description: "tags" },
      loud: { type: "boolean", description: "shout" }
    },
    arguments: [{ name: "FILE", description: "the file", required: true }],
    examples: ["cityhall import data.jsonl"],
    run: ({ options, arguments: args }) =>
      Effect.succeed(json({ file: args[0], tags: options.tag, loud: options.loud }))
  })
  const broken = command({
    name: "broken",
    summary: "dies",
    options: {},
    examples: [],
    run: () => Effect.die(new Error("boom"))
  })
  const list = [
    echo,
    group("misc", "misc", [
      broken,
      command({ name: "hi", summary: "hi", options: {}, examples: [], run: () => Effect.succeed(text("hi")) })
    ])
  ]
  const go = (...args: ReadonlyArray<string>) => Effect.runSync(run(args, list))

  it("a top-level command with a positional argument and repeatable options", () => {
    expect(JSON.parse(go("import", "a.jsonl", "--tag", "x", "--tag=y", "--loud").stdout)).toStrictEqual({
      file: "a.jsonl",
      loud: true,
      tags: ["x", "y"]
    })
    expect(go("import", "--help").stdout).toContain("Usage: cityhall import [options] FILE")
    expect(go("import")).toMatchObject({
      exitCode: 2,
      stderr: "cityhall import: usage: missing argument FILE; see 'cityhall import --help'\n"
    })
    expect(go("import", "a", "b").exitCode).toBe(2)
    expect(go("misc", "hi")).toStrictEqual({ stdout: "hi\n", stderr: "", exitCode: 0 })
  })

  it("a defect is one line with exit code 70, never a stack trace", () => {
    const r = go("misc", "broken")
    expect(r.exitCode).toBe(EXIT_INTERNAL)
    expect(r.stderr).toBe("cityhall misc broken: internal error: Error: boom\n")
  })

  it("help paragraphs wrap at 100 columns", () => {
    const lines = wrap("word ".repeat(60))
    expect(lines.every((l) => l.length <= 100)).toBe(true)
    expect(lines.join(" ")).toBe("word ".repeat(60).trim())
  })
})

describe("docs/cli.md", () => {
  it("documents every command and its options", async () => {
    const { readFile } = await import("node:fs/promises")
    const doc = await readFile(new URL("../../docs/cli.md", import.meta.url), "utf8")
    for (const e of entries) {
      if (e._tag !== "Group") continue
      for (const c of e.commands) {
        expect(doc, `${e.name} ${c.name}`).toContain(`cityhall ${e.name} ${c.name}`)
        for (const o of Object.keys(c.options)) expect(doc, `--${o}`).toContain(`--${o}`)
      }
    }
  })
})
