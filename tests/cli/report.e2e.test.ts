/**
 * `cityhall import`, `report`, `demo` and `serve` end to end, as a user
 * runs them: spawned processes on temp stores. The reports read from the
 * store equal the reports computed in process from the same generated
 * records; the demo prints the reference sentence.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Demo, Period, Reporting } from "../../src/index.js"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Reports from "../../adapters/cli/internal/Reports.js"
import { fold } from "../demo/fold.js"
import { countColour, decode } from "./png.js"
import { cityhall, cityhallAll, type Spawned } from "./spawn.js"

const REFERENCE_SENTENCE =
  "За 2020 год в администрацию города поступило 11\u202f384 обращения, в том числе 3780 письменных, 7459 электронных и 145 устных обращений. В сравнении с аналогичным периодом прошлого года количество обращений увеличилось на 2,8 %."

const dir = mkdtempSync(join(tmpdir(), "cityhall-report-"))
const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const city = Demo.Generator.generate({ seed: 2020 })

// a small file: the plans above March 2020, every 40th appeal, the election calendar, and three bad lines
const plans = city.records.filter(
  (r) =>
    r.kind === "plan" && ["strategy-2030", "annual-2020", "monthly-2020-03", "address-2020"].includes(r.history[0].plan)
)
const appeals = city.records.filter((r) => r.kind === "appeal").filter((_, i) => i % 40 === 0)
const calendar = city.records.filter((r) => r.kind === "electionCalendar")
// the suspension, the receptions of March 2019 and of the spring of 2020 (online during the suspension), the meetings of March and May
const suspension = city.records.filter((r) => r.kind === "suspension")
const receptions = city.records.filter(
  (r) => r.kind === "reception" && /^R-(2019-03|2020-0[3-6])/.test(r.history[0].reception)
)
const meetings = city.records.filter(
  (r) => r.kind === "meeting" && /^M-(2019-03|2020-0[35])/.test(r.history[0].meeting)
)
const good = [...plans, ...appeals, ...calendar, ...suspension, ...receptions, ...meetings]
const firstAppeal = appeals[0]!
const bad = [
  "{ not json",
  JSON.stringify({ kind: "appeal", history: [] }),
  firstAppeal.kind === "appeal" ? encode({ kind: "appeal", history: [firstAppeal.history[1]!] }) : ""
]
const file = join(dir, "records.jsonl")
writeFileSync(
  file,
  [
    ...good.slice(0, 10).map((r) => encode(r)),
    bad[0],
    ...good.slice(10).map((r) => encode(r)),
    bad[1],
    bad[2],
    ""
  ].join("\n")
)
const goodFile = join(dir, "good.jsonl")
writeFileSync(goodFile, `${good.map((r) => encode(r)).join("\n")}\n`)
// CSV: two flat appeals (one answered in writing, so with a postal address: 59-FZ art. 10 p. 4) and a row with an unknown channel
const csvFile = join(dir, "appeals.csv")
writeFileSync(
  csvFile,
  [
    "registrationNumber;receivedAt;channel;topics;text;applicantName;applicantAddress;division;assignedAt;answeredAt;result",
    'ОГ-2020-90001;2020-03-02T00:10:00Z;written;0005.0005.0056.1134;"Нет отопления; дом 5";"Иванов И. И.";"г. Хабаровск, ул. Ленина, д. 5, кв. 1";housing;2020-03-03T00:00:00Z;2020-03-20T05:00:00Z;explained',
    "ОГ-2020-90002;2020-03-02T00:20:00Z;electronic;0003.0009.0097.0690;Яма во дворе;;;roads;2020-03-03T00:00:00Z;;",
    "ОГ-2020-90003;2020-03-02T00:30:00Z;fax;0003.0009.0097.0690;x;;;;;;",
    ""
  ].join("\n")
)
const csvDb = join(dir, "csv.sqlite")
const db = join(dir, "city.sqlite")
const goodDb = join(dir, "good.sqlite")
const demoDb = join(dir, "demo.sqlite")

const runs: Record<string, Spawned> = {}

beforeAll(async () => {
  const started = Date.now()
  runs.demo = await cityhall(["demo", "--db", demoDb])
  const [first, goodRun] = await cityhallAll([
    ["import", file, "--db", db],
    ["import", goodFile, "--db", goodDb, "--batch-size", "50"]
  ])
  runs.first = first!
  runs.good = goodRun!
  const rest = await cityhallAll([
    ["import", file, "--db", db],
    ["report", "annual", "--year", "2020", "--db", goodDb, "--format", "json", "--lang", "en"],
    ["report", "annual", "--year", "2020", "--db", goodDb],
    ["report", "annual", "--year", "2020", "--db", goodDb, "--format", "html", "--out", join(dir, "report.html")],
    ["report", "monthly", "--month", "2020-03", "--db", goodDb, "--format", "md", "--lang", "ru"],
    ["report", "annual", "--year", "2020", "--db", join(dir, "missing.sqlite")],
    ["import", csvFile, "--db", csvDb],
    ["report", "annual", "--year", "2020", "--db", goodDb, "--format", "json"],
    ["report", "annual", "--year", "2020", "--db", goodDb, "--format", "md", "--lang", "en"],
    ["report", "annual", "--year", "2020", "--db", goodDb, "--format", "html", "--lang", "en"],
    ["report", "monthly", "--month", "2020-03", "--db", goodDb, "--format", "json", "--lang", "en"],
    ["report", "monthly", "--month", "2020-03", "--db", goodDb, "--format", "html", "--out", join(dir, "monthly.html")]
  ])
  ;[
    "again",
    "json",
    "md",
    "html",
    "monthly",
    "missing",
    "csv",
    "jsonRu",
    "mdEn",
    "htmlEn",
    "monthlyJsonEn",
    "monthlyHtml"
  ].forEach((k, i) => (runs[k] = rest[i]!))
  console.info(
    `report e2e: ${Object.keys(runs).length} spawns in ${((Date.now() - started) / 1000).toFixed(1)} s; demo ${(runs.demo.ms / 1000).toFixed(1)} s`
  )
}, 600_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("cityhall import", () => {
  it("imports the good lines, writes the bad ones with their reasons to FILE.rejects.jsonl, exits 1 with the counts", () => {
    expect(runs.first!.code).toBe(1)
    expect(runs.first!.stderr).toBe(
      `cityhall import: RejectedLines: 3 of ${good.length + 3} lines rejected (reasons in ${file}.rejects.jsonl); imported ${good.length}, already stored 0, events ${runs.first!.stderr.match(/events (\d+)/)?.[1]}\n`
    )
    const rejects = readFileSync(`${file}.rejects.jsonl`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; reason: string; text: string })
    expect(rejects.map((r) => r.line)).toEqual([11, good.length + 2, good.length + 3])
    expect(rejects[0]!.reason).toMatch(/JSON/)
    expect(rejects[1]!.reason).toMatch(/^history/)
    expect(rejects[2]!.reason).toBe(
      "history[0]: an appeal's history starts with its registration, not AssignToDivision"
    )
    expect(rejects[2]!.text).toBe(bad[2])
  })

  it("re-running the same file imports nothing twice", () => {
    expect(runs.again!.code).toBe(1)
    expect(runs.again!.stderr).toContain(`imported 0, already stored ${good.length}, events 0`)
  })

  it("a clean file exits 0 with the counts as JSON", () => {
    expect(runs.good!.code).toBe(0)
    const counts = JSON.parse(runs.good!.stdout) as Record<string, unknown>
    expect(counts).toMatchObject({
      lines: good.length,
      imported: good.length,
      duplicates: 0,
      rejected: 0,
      rejects: null,
      byKind: {
        appeal: appeals.length,
        plan: plans.length,
        electionCalendar: calendar.length,
        suspension: 1,
        reception: receptions.length,
        meeting: meetings.length
      }
    })
  })
})

describe("cityhall import of CSV", () => {
  it("imports flat appeal rows and rejects a row naming the field", () => {
    expect(runs.csv!.code).toBe(1)
    expect(runs.csv!.stderr).toContain("1 of 4 lines rejected")
    // 5 events of the two histories, and the two registration numbers reserved in the registration book
    expect(runs.csv!.stderr).toContain("imported 2, already stored 0, events 7")
    const rejects = readFileSync(`${csvFile}.rejects.jsonl`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; reason: string })
    expect(rejects).toEqual([
      {
        line: 4,
        reason: 'history[0].channel: Expected "written", actual "fax"',
        text: expect.stringContaining("fax") as unknown
      }
    ])
  })
})

describe("cityhall report", () => {
  const records = fold(good)
  it("the annual report from the store equals the report computed from the records, in JSON, Markdown and HTML", () => {
    expect(runs.json!.code).toBe(0)
    expect(runs.json!.stdout).toBe(
      Reports.render(Reports.annual(records, 2020, Period.unsafeDay("2020-12-31"), "en"), "json")
    )
    expect(runs.md!.stdout).toBe(
      Reports.render(Reports.annual(records, 2020, Period.unsafeDay("2020-12-31"), "ru"), "md")
    )
    expect(runs.html!.stdout).toBe(`${join(dir, "report.html")}\n`)
    expect(readFileSync(join(dir, "report.html"), "utf8")).toBe(
      Reports.render(Reports.annual(records, 2020, Period.unsafeDay("2020-12-31"), "ru"), "html")
    )
    const total = records.appeals.filter((a) => a.registeredOn.startsWith("2020")).length
    expect(runs.md!.stdout).toContain(`| Всего | ${Reporting.Numbers.formatNumber("ru", total)} |`)
    expect(runs.md!.stdout).toContain("## Личный приём граждан")
    expect(runs.md!.stdout).toContain("## Информационные встречи с населением")
  })

  it("every format in both languages: JSON, Markdown and HTML, Russian and English, annual and monthly, equal to the reports computed from the records", () => {
    const asOf = Period.unsafeDay("2020-12-31")
    const annual = (lang: "ru" | "en", format: Reports.Format) =>
      Reports.render(Reports.annual(records, 2020, asOf, lang), format)
    const monthly = (lang: "ru" | "en", format: Reports.Format) =>
      Reports.render(
        Reports.monthly(records, Period.unsafeMonth("2020-03"), Period.unsafeDay("2020-03-31"), lang),
        format
      )
    for (const k of ["jsonRu", "mdEn", "htmlEn", "monthlyJsonEn", "monthlyHtml"])
      expect([k, runs[k]!.code, runs[k]!.stderr]).toEqual([k, 0, ""])
    expect(runs.jsonRu!.stdout).toBe(annual("ru", "json"))
    expect(runs.mdEn!.stdout).toBe(annual("en", "md"))
    expect(runs.htmlEn!.stdout).toBe(annual("en", "html"))
    expect(runs.monthlyJsonEn!.stdout).toBe(monthly("en", "json"))
    expect(readFileSync(join(dir, "monthly.html"), "utf8")).toBe(monthly("ru", "html"))
    // the JSON is the documented document format, in the language asked for
    expect(JSON.parse(runs.jsonRu!.stdout)).toMatchObject({ format: "cityhall.report/1", lang: "ru" })
    expect(JSON.parse(runs.json!.stdout)).toMatchObject({ format: "cityhall.report/1", lang: "en" })
    expect(runs.mdEn!.stdout).toContain("## Citizens' appeals")
    expect(runs.htmlEn!.stdout).toMatch(/^<!DOCTYPE html>/i)
    expect(runs.htmlEn!.stdout).toContain('lang="en">')
    expect(runs.htmlEn!.stdout).toContain("<svg")
  })

  it("the monthly analysis lists the month's appeals and the recommendations section", () => {
    expect(runs.monthly!.code).toBe(0)
    const march = records.appeals.filter((a) => a.registeredOn.startsWith("2020-03")).length
    expect(runs.monthly!.stdout).toContain(`| Всего | ${march} |`)
    expect(runs.monthly!.stdout).toContain("## Рекомендации структурным подразделениям")
  })

  it("a missing store is one error line, exit 1", () => {
    expect(runs.missing!.code).toBe(1)
    expect(runs.missing!.stderr).toMatch(
      /^cityhall report annual: NoStore: --db: no store at .*missing\.sqlite; create one with/
    )
  })
})

describe("cityhall demo", () => {
  it("prints the annual report for 2020 with the reference sentence, equal to the report of the generated records", () => {
    expect(runs.demo!.code).toBe(0)
    expect(runs.demo!.stdout).toContain(REFERENCE_SENTENCE)
    expect(runs.demo!.stdout).toContain("| Всего | 11\u202f384 | 11\u202f072 | +2,8 % |")
    const n = city.records.length
    expect(runs.demo!.stderr).toMatch(
      new RegExp(
        `^cityhall demo: seed 2020: ${n} records, ${n} imported \\(\\d+ events\\), 0 already stored, 0 rejected, into .* in \\d+\\.\\d s\n$`
      )
    )
    expect(runs.demo!.stdout).toContain("## Личный приём граждан")
    expect(runs.demo!.stdout).toContain("## Информационные встречи с населением")
    expect(runs.demo!.stdout).toBe(
      Reports.render(Reports.annual(fold(city.records), 2020, Period.unsafeDay("2020-12-31"), "ru"), "md")
    )
  })
})

/** The servers spawned, killed after the tests even when a test times out. */
const servers = new Set<ReturnType<typeof spawn>>()
afterAll(() => {
  for (const c of servers) c.kill()
})

/** Spawns `cityhall ...args` and waits until it prints the administrator token (it is then listening); answers the child and what it printed. */
const listening = async (
  args: ReadonlyArray<string>
): Promise<{ readonly child: ReturnType<typeof spawn>; readonly out: string; readonly err: () => string }> => {
  const child = spawn(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", ...args], {
    cwd: join(__dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CITYHALL_SECRET: "" }
  })
  servers.add(child)
  let stderr = ""
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()))
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = ""
      child.stdout.on("data", (b: Buffer) => {
        text += b.toString()
        if (/Authorization: Bearer \S+\n/.test(text)) resolve(text)
      })
      child.once("exit", (code) => reject(new Error(`cityhall ${args.join(" ")} exited ${code}: ${text} ${stderr}`)))
    })
    return { child, out, err: () => stderr }
  } catch (e) {
    child.kill()
    throw e
  }
}

describe("cityhall serve", () => {
  it("serves the HTML report and the HTTP API on the same port and store, with an administrator token", async () => {
    const { child, out } = await listening(["serve", "--db", goodDb, "--port", "0", "--print-admin-token"])
    try {
      const base = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!
      const token = /Authorization: Bearer (\S+)/.exec(out)![1]!
      expect(out).toContain(`report:   ${base}/report/2020.html`)
      expect(out).toContain(`API docs: ${base}/docs`)
      // the report pages answer the roles the API's reports answer: controllers and administrators
      expect((await fetch(`${base}/report/2020.html`)).status).toBe(401)
      const html = await fetch(`${base}/report/2020.html`, { headers: { authorization: `Bearer ${token}` } })
      expect(html.status).toBe(200)
      expect(await html.text()).toBe(
        Reports.render(Reports.annual(fold(good), 2020, Period.unsafeDay("2020-12-31"), "ru"), "html")
      )
      expect((await fetch(`${base}/docs`)).status).toBe(200)
      const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as {
        readonly info: { readonly title: string }
      }
      expect(openapi.info.title).toBe("cityhall")
      const first = appeals[0]!.history[0]
      const url = `${base}/appeals/${first.appealId}`
      expect((await fetch(url)).status).toBe(401)
      const appeal = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
      expect(appeal.status).toBe(200)
      expect(await appeal.text()).toContain(first.appealId)
      expect((await fetch(`${base}/nothing`)).status).toBe(404)
    } finally {
      child.kill()
    }
  })

  it("npm start (the demo, then serving it on 127.0.0.1) prints the URLs of the report and of the API docs, and serves them", async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as {
      readonly scripts: Readonly<Record<string, string>>
    }
    const [runner, main, ...args] = pkg.scripts["start"]!.split(" ")
    expect([runner, main]).toEqual(["tsx", "adapters/cli/main.ts"])
    // `npm start -- --db … --port 0`, on the store the demo above made: nothing is imported twice
    const { child, out, err } = await listening([...args, "--db", demoDb, "--port", "0"])
    try {
      const base = /^cityhall: serving on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)![1]!
      expect(out).toContain(`report:   ${base}/report/2020.html`)
      expect(out).toContain(`API docs: ${base}/docs`)
      const n = city.records.length
      for (let i = 0; i < 50 && !err().includes("\n"); i++) await new Promise((r) => setTimeout(r, 100))
      expect(err()).toMatch(
        new RegExp(
          `^cityhall demo: seed 2020: ${n} records, 0 imported \\(0 events\\), ${n} already stored, 0 rejected`
        )
      )
      const token = /Authorization: Bearer (\S+)/.exec(out)![1]!
      const page = await fetch(`${base}/report/2020.html`, { headers: { authorization: `Bearer ${token}` } })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain(REFERENCE_SENTENCE)
      expect((await fetch(`${base}/docs`)).status).toBe(200)
    } finally {
      child.kill()
    }
  }, 600_000) // the demo decides every generated record again before it finds them stored: minutes on a loaded machine
})

const CHROMIUM = "/usr/bin/chromium"
// the chart palette (src/reporting/Svg.ts): series 0-2 are 2019's written, electronic and oral appeals, 3-5 are 2020's;
// the plan execution bars are series 0. No other part of the page uses these colours.
const SERIES = { written2019: "#1f5fa8", electronic2019: "#e07b24", written2020: "#c23b3b", electronic2020: "#7d5bb5" }
describe("the HTML report in headless Chromium", () => {
  it.skipIf(!existsSync(CHROMIUM))(
    "renders the charts: the screenshot has the bars of the appeals by month and channel, both years",
    async () => {
      const png = join(dir, "report.png")
      await new Promise<void>((resolve) => {
        const child = spawn(
          CHROMIUM,
          [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            `--user-data-dir=${join(dir, "chromium")}`,
            `--screenshot=${png}`,
            "--window-size=1200,4000",
            `file://${join(dir, "report.html")}`
          ],
          { stdio: "ignore" }
        )
        child.once("exit", () => resolve())
      })
      expect(existsSync(png)).toBe(true)
      const image = decode(readFileSync(png))
      expect(image.width).toBe(1200)
      // a legend swatch is 12 x 12 px: each series needs far more pixels than its swatch, so its bars were drawn
      const pixels = Object.fromEntries(Object.entries(SERIES).map(([k, hex]) => [k, countColour(image, hex, 12)]))
      for (const [k, n] of Object.entries(pixels)) expect([k, n > 300]).toEqual([k, true])
    }
  )
  if (!existsSync(CHROMIUM))
    console.info(
      `chromium screenshot test skipped: ${CHROMIUM} is missing (install it with 'apt-get install -y chromium', as .ci/run does)`
    )
})
