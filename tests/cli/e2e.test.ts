/**
 * `cityhall` end to end: spawned processes, asserting stdout, stderr and
 * exit codes. The spawns (about 1 s of CPU each, tsx and effect loading)
 * run once, four at a time, in `beforeAll`; each test reads its result.
 * Everything else about the output is checked in process (Cli.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest"
import { cityhallAll, type Spawned } from "./spawn.js"

const LINES = {
  bare: [],
  due0301: ["appeals", "due", "--registered", "2021-03-01"],
  due0301ext: ["appeals", "due", "--registered", "2021-03-01", "--extended-days", "30"],
  due0408: ["appeals", "due", "--registered", "2021-04-08", "--tz", "Asia/Vladivostok", "--policy", "previous"],
  due0408noDecree: ["appeals", "due", "--registered", "2021-04-08", "--no-decree-days"],
  dueTooLong: ["appeals", "due", "--registered", "2021-03-01", "--extended-days", "31"],
  dueBadDate: ["appeals", "due", "--registered", "2021-02-30"],
  deadline: [
    "elections",
    "deadline",
    "--rule",
    "не позднее чем за 40 дней до дня голосования",
    "--voting-day",
    "2021-09-19"
  ],
  deadlineBadPhrase: [
    "elections",
    "deadline",
    "--rule",
    "не позднее чем за сорок дней до дня голосования",
    "--voting-day",
    "2021-09-19"
  ],
  calendarJson: ["elections", "calendar", "--voting-day", "2021-09-19", "--format", "json"],
  calendarUnknownOption: ["elections", "calendar", "--voting-day", "2021-09-19", "--bogus"],
  deadlineHelp: ["elections", "deadline", "--help"]
} satisfies Record<string, ReadonlyArray<string>>

type Name = keyof typeof LINES
const results = new Map<Name, Spawned>()
const r = (name: Name): Spawned => {
  const got = results.get(name)
  if (got === undefined) throw new Error(`no run for ${name}`)
  return got
}

beforeAll(async () => {
  const names = Object.keys(LINES) as Array<Name>
  const runs = await cityhallAll(names.map((n) => LINES[n]))
  names.forEach((n, i) => results.set(n, runs[i]!))
  const ms = runs.map((s) => s.ms)
  console.info(
    `cityhall e2e: ${runs.length} spawns, ${Math.round(ms.reduce((a, b) => a + b, 0) / runs.length)} ms each on average (4 at a time)`
  )
}, 300_000)

const oneErrorLine = (s: Spawned) => {
  expect(s.stdout).toBe("")
  expect(s.stderr.endsWith("\n")).toBe(true)
  expect(s.stderr.trimEnd().split("\n")).toHaveLength(1)
}

describe("cityhall as a process", () => {
  it("runs in a zone far from Asia/Vladivostok (the children inherit TZ)", () => {
    expect(process.env.TZ).toBe("America/Sao_Paulo")
  })

  it("without arguments prints the overview and the help, exit 0", () => {
    const s = r("bare")
    expect(s.code).toBe(0)
    expect(s.stderr).toBe("")
    expect(s.stdout).toMatch(/^cityhall — /)
    expect(s.stdout).toContain("Usage: cityhall <group> <command> [options]")
    for (const c of [
      "elections deadline",
      "elections calendar",
      "appeals due",
      "calendar day",
      "calendar working-days"
    ])
      expect(s.stdout).toContain(c)
  })

  it("appeals due: the worked examples of 59-FZ art. 12 (the tests run in America/Sao_Paulo)", () => {
    const json = (n: Name) => {
      expect(r(n).code).toBe(0)
      expect(r(n).stderr).toBe("")
      return JSON.parse(r(n).stdout)
    }
    expect(json("due0301")).toMatchObject({ registered: "2021-03-01", due: "2021-03-31", extension: null })
    expect(json("due0301ext")).toMatchObject({
      due: "2021-03-31",
      extension: { days: 30, nominalDue: "2021-04-30", due: "2021-04-30" }
    })
    expect(json("due0408")).toMatchObject({
      nominalDue: "2021-05-08",
      due: "2021-04-30",
      timeZone: "Asia/Vladivostok",
      policy: "previousWorkingDay"
    })
    expect(json("due0408noDecree")).toMatchObject({ due: "2021-05-07", presidentialNonWorkingDays: false })
  })

  it("appeals due: JSON keys are sorted", () => {
    const keys = Object.keys(JSON.parse(r("due0301").stdout))
    expect(keys).toStrictEqual([...keys].sort())
  })

  it("appeals due: an extension over 30 days is one line on stderr, exit 1", () => {
    const s = r("dueTooLong")
    expect(s.code).toBe(1)
    oneErrorLine(s)
    expect(s.stderr).toBe(
      "cityhall appeals due: ExtensionTooLong: the term may be extended by no more than 30 days (59-FZ art. 12 p. 2), got 31\n"
    )
  })

  it("a date that does not exist is one line on stderr naming the option, exit 1", () => {
    const s = r("dueBadDate")
    expect(s.code).toBe(1)
    oneErrorLine(s)
    expect(s.stderr).toContain("InvalidPeriod: --registered:")
    expect(s.stderr).toContain("2021-02-30")
  })

  it("elections deadline prints the date: 40 days before 19 September 2021 is 9 August", () => {
    expect(r("deadline")).toMatchObject({ code: 0, stdout: "2021-08-09\n", stderr: "" })
  })

  it("elections deadline: a phrase not understood points at the words, exit 1", () => {
    const s = r("deadlineBadPhrase")
    expect(s.code).toBe(1)
    oneErrorLine(s)
    expect(s.stderr).toContain("PhraseNotUnderstood")
    expect(s.stderr).toContain("offset 18")
    expect(s.stderr).toContain('"сорок дней до дня голосования"')
  })

  it("elections calendar --format json parses: seven tasks for the three elections of 2021", () => {
    const s = r("calendarJson")
    expect(s.code).toBe(0)
    const out = JSON.parse(s.stdout)
    expect(out.elections.map((e: { id: string }) => e.id)).toStrictEqual([
      "city-duma-district-3-2021",
      "governor-2021",
      "state-duma-2021"
    ])
    expect(out.tasks).toHaveLength(7)
    expect(out.votingDays).toStrictEqual(["2021-09-17", "2021-09-18", "2021-09-19"])
  })

  it("an unknown option is a usage error: one line, exit 2", () => {
    const s = r("calendarUnknownOption")
    expect(s.code).toBe(2)
    oneErrorLine(s)
    expect(s.stderr).toBe(
      "cityhall elections calendar: usage: unknown option '--bogus'; see 'cityhall elections calendar --help'\n"
    )
  })

  it("--help prints usage, options and examples on stdout, exit 0", () => {
    const s = r("deadlineHelp")
    expect(s.code).toBe(0)
    expect(s.stderr).toBe("")
    expect(s.stdout).toContain("Usage: cityhall elections deadline --rule PHRASE --voting-day DATE [options]")
    expect(s.stdout).toContain("Options:")
    expect(s.stdout).toContain("Examples:")
  })
})
