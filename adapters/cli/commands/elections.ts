/**
 * `cityhall elections …`: electoral calendar rules and the administration's
 * merged calendar of tasks for concurrent elections.
 *
 * @module
 */
import { Either } from "effect"
import type { Period } from "../../../src/kernel/index.js"
import * as Elections from "../../../src/elections/index.js"
import { command, group } from "../Command.js"
import * as ElectionSpec from "../ElectionSpec.js"
import { domain, json, text, UsageError } from "../Output.js"
import * as Values from "../Values.js"

const votingDayOptions = {
  "voting-day": {
    type: "string",
    value: "DATE",
    description: "the voting day (the last day of multi-day voting)",
    required: true
  },
  "voting-days": {
    type: "string",
    value: "N",
    description: "number of voting days ending on --voting-day, 1..3 (default 1; 3 for 2021-09-19, the reference case)"
  }
} as const

const readVotingDays = (options: { readonly "voting-day": string; readonly "voting-days": string | undefined }) =>
  Either.gen(function* () {
    const last = yield* Values.day("--voting-day", options["voting-day"])
    const raw = options["voting-days"]
    const count = raw === undefined ? undefined : yield* Values.integer("--voting-days", raw, 1, 3)
    return ElectionSpec.votingDays(last, count)
  })

const anchorName = (a: Elections.Rule.Anchor): string => {
  switch (a._tag) {
    case "VotingDay":
      return a.which === "first" ? "firstVotingDay" : "votingDay"
    case "CallingPublished":
      return "callingPublished"
    case "TaskAnchor":
      return `task:${a.task}`
  }
}

/** `cityhall elections deadline`: the day a Russian rule phrase gives for a voting day. */
export const deadline = command({
  name: "deadline",
  summary: "The day an electoral calendar rule gives, counted by 67-FZ art. 11.1",
  description: [
    'Parses the rule\'s Russian wording (digits for numbers) and counts it: "не позднее чем за N дней до дня X" ends on X − (N + 1); "не ранее чем за N дней до дня X" starts on X − (N + 1); "в течение N дней со дня E" runs from E to E + N; "со дня E" starts on E. Electoral terms are calendar days: they never move off weekends or holidays.',
    'Text output: the date — the last allowed day, or the first when the rule bounds only from below (then marked "(first allowed day)"); a window shows its first day too. JSON keys: rule, kind, days, anchor, votingDays, publishedOn, from, to, date, bound ("last" | "first"), source.'
  ],
  options: {
    rule: {
      type: "string",
      value: "PHRASE",
      description: 'the rule, e.g. "не позднее чем за 40 дней до дня голосования"',
      required: true
    },
    ...votingDayOptions,
    "published-on": {
      type: "string",
      value: "DATE",
      description: "official publication of the decision calling the election (for rules counted from it)"
    },
    format: {
      type: "string",
      value: "FORMAT",
      choices: ["text", "json"],
      default: "text",
      description: "output format"
    }
  },
  examples: [
    'cityhall elections deadline --rule "не позднее чем за 40 дней до дня голосования" --voting-day 2021-09-19',
    'cityhall elections deadline --rule "не позднее чем за 1 день до первого дня голосования" --voting-day 2021-09-19 --voting-days 3',
    'cityhall elections deadline --rule "в течение 10 дней со дня официального опубликования решения о назначении выборов" --voting-day 2021-09-19 --published-on 2021-06-18 --format json'
  ],
  run: ({ options }) =>
    Either.gen(function* () {
      const rule = yield* domain(Elections.Phrase.parse(options.rule), "--rule")
      const days = yield* readVotingDays(options)
      const rawPublished = options["published-on"]
      const publishedOn = rawPublished === undefined ? undefined : yield* Values.day("--published-on", rawPublished)
      if (rule.anchor._tag === "CallingPublished" && publishedOn === undefined) {
        return yield* Either.left(
          new UsageError({
            message:
              "the rule counts from the publication of the decision calling the election: give --published-on DATE"
          })
        )
      }
      const anchors = Elections.Rule.anchors({ votingDays: days, publishedOn: publishedOn ?? days[0] })
      const window = yield* domain(Elections.Rule.window(rule, anchors), "--rule")
      const bound: "last" | "first" = window.to !== undefined ? "last" : "first"
      const date: Period.Day = window.to ?? window.from ?? days[0]
      if (options.format === "json") {
        return json({
          rule: Elections.Phrase.render(rule),
          kind: rule._tag,
          days: "days" in rule ? rule.days : null,
          anchor: anchorName(rule.anchor),
          votingDays: days,
          publishedOn: publishedOn ?? null,
          from: window.from ?? null,
          to: window.to ?? null,
          date,
          bound,
          source: "67-FZ art. 11.1"
        })
      }
      if (bound === "first") return text(`${date} (first allowed day)`)
      return text(window.from === undefined ? date : `${date} (allowed from ${window.from})`)
    })
})

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ")

const unique = (xs: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(xs)]

const taskJson = (t: Elections.MergedCalendar.MergedTask) => ({
  id: t.id,
  title: t.title,
  responsible: t.responsible,
  date: t.date,
  from: t.from ?? null,
  to: t.to ?? null,
  elections: t.elections,
  dependsOn: t.dependsOn,
  sources: t.sources,
  rules: unique(t.schedules.map((s) => Elections.MergedCalendar.wording(s.definition.timing))),
  termByLaw: t.schedules.some((s) => s.definition.termByLaw),
  conflict:
    t.conflict === undefined
      ? null
      : {
          chosen: t.conflict.chosen,
          dates: t.conflict.dates.map((d) => ({ election: d.election, date: d.date, rule: d.wording })),
          message: t.conflict.message
        }
})

const electionJson = (e: Elections.Election.Election) => ({
  id: e.id,
  level: e.level,
  kind: e.kind,
  body: e.body,
  districts: e.districts,
  commission: e.commission,
  calling: { act: e.calling.act, date: e.calling.date, publishedOn: e.calling.publishedOn },
  votingDays: e.votingDays
})

const markdown = (
  days: ReadonlyArray<Period.Day>,
  elections: ReadonlyArray<Elections.Election.Election>,
  calendar: Elections.MergedCalendar.MergedCalendar
): ReadonlyArray<string> => {
  const lines = [
    `# Election calendar of the administration: voting ${days.length === 1 ? `on ${days[0]}` : `${days[0]} to ${days[days.length - 1]}`}`,
    "",
    "## Elections",
    "",
    ...elections.map(
      (e) =>
        `- \`${e.id}\`: ${e.body} (${e.level}, ${e.kind}${e.districts.length > 0 ? `, district No. ${e.districts.join(", ")}` : ""}); calling decision published ${e.calling.publishedOn}`
    ),
    "",
    "## Tasks",
    "",
    "| Date | Task | Rule | Responsible | Elections | Source |",
    "|---|---|---|---|---|---|",
    ...calendar.tasks.map((t) => {
      const j = taskJson(t)
      return `| ${t.date}${t.conflict === undefined ? "" : " ⚠"} | ${cell(t.title)} (\`${t.id}\`) | ${cell(j.rules.join("; "))} | ${t.responsible} | ${t.elections.join(", ")} | ${cell(t.sources.join("; "))} |`
    })
  ]
  const conflicts = calendar.tasks.filter((t) => t.conflict !== undefined)
  if (conflicts.length > 0) {
    lines.push(
      "",
      "## Different dates for one task (⚠)",
      "",
      ...conflicts.map((t) => `- \`${t.id}\`: ${cell(t.conflict?.message ?? "")}`)
    )
  }
  return lines
}

/** `cityhall elections calendar`: the merged calendar of the administration's tasks. */
export const calendar = command({
  name: "calendar",
  summary: "The merged calendar of the administration's tasks for the elections of one voting day",
  description: [
    "Schedules the shipped task template (Elections.Template: premises, lists of polling stations, campaign places, informing voters, equipment, security) for each election and merges them: a task shared by several elections appears once, and when they give it different dates the earliest is kept and the conflict explained.",
    "--election NAME[@PUBLISHED], repeatable. NAME: state-duma, governor, city-duma, city-duma-N (a by-election in single-mandate district N); PUBLISHED: the day the calling decision was published. For 2021-09-19 the reference elections (state-duma, governor, city-duma-3) know their publication days, and are the default when no --election is given.",
    "JSON keys: votingDays, elections [{ id, level, kind, body, districts, commission, calling { act, date, publishedOn }, votingDays }] by id, tasks [{ id, title, responsible, date, from, to, elections, dependsOn, sources, rules, termByLaw, conflict }] by date then id; conflict is null or { chosen, dates [{ election, date, rule }], message }."
  ],
  options: {
    ...votingDayOptions,
    election: {
      type: "string",
      value: "SPEC",
      multiple: true,
      description: "an election, NAME[@PUBLISHED] (see above)"
    },
    format: { type: "string", value: "FORMAT", choices: ["md", "json"], default: "md", description: "output format" }
  },
  examples: [
    "cityhall elections calendar --voting-day 2021-09-19",
    "cityhall elections calendar --voting-day 2021-09-19 --election state-duma --election city-duma-3 --format json",
    "cityhall elections calendar --voting-day 2026-09-20 --election state-duma@2026-06-19 --election city-duma@2026-06-22"
  ],
  run: ({ options }) =>
    Either.gen(function* () {
      const days = yield* readVotingDays(options)
      const elections = yield* ElectionSpec.parseAll(options.election, days)
      const merged = yield* domain(
        Elections.MergedCalendar.plan(elections.map((election) => ({ election, tasks: Elections.Template.tasks })))
      )
      if (options.format === "json") {
        return json({ votingDays: days, elections: elections.map(electionJson), tasks: merged.tasks.map(taskJson) })
      }
      return text(...markdown(days, elections, merged))
    })
})

/** The `elections` group. */
export const elections = group(
  "elections",
  "electoral calendar rules and the administration's election tasks (67-FZ)",
  [deadline, calendar]
)
