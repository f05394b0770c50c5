/**
 * The annual report covers methodological support and City Duma support
 * (issue 11): its sections carry exactly the areas' own figures
 * (`Methodology.Figures.annual`, `Duma.Figures.annual`) for any council and
 * session states, in both languages, and are left out of a year with
 * nothing to say; worked examples pin the Russian text.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as DumaFigures from "../../src/duma/Figures.js"
import * as S from "../../src/duma/Session.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import * as Decider from "../../src/kernel/Decider.js"
import type {
  ActivityId,
  ActorId,
  DivisionId,
  DocumentId,
  GoalId,
  InstructionId,
  MunicipalOrganisationId,
  SessionId
} from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import { Term } from "../../src/kernel/Term.js"
import * as C from "../../src/methodology/Council.js"
import * as MethodologyFigures from "../../src/methodology/Figures.js"
import { keyOfParty, Manual } from "../../src/methodology/Manual.js"
import * as AnnualReport from "../../src/reporting/AnnualReport.js"
import * as Lexicon from "../../src/reporting/Lexicon.js"
import * as R from "../../src/reporting/ReportDocument.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import * as K from "../../src/testing/KernelArbitraries.js"

const day = Period.unsafeDay
const at = new Date("2020-06-01T02:00:00Z")
const actor = "secretary-1" as ActorId
const HEADINGS = {
  methodology: { ru: "Методическая работа", en: "Methodological support" },
  duma: { ru: "Обеспечение деятельности городской Думы", en: "City Duma support" }
} as const
const LANGS = ["ru", "en"] as const
const section = (doc: R.ReportDocument, heading: string) => doc.sections.find((s) => s.heading === heading)
const keyValues = (s: R.Section | undefined) =>
  s?.blocks.find((b): b is R.KeyFigures => b._tag === "KeyFigures")?.items.map((i) => i.value)
/** The section is in the Markdown and the HTML under its heading, and the document round-trips through JSON. */
const expectRendered = (doc: R.ReportDocument, heading: string) => {
  expect(R.toMarkdown(doc)).toContain(`## ${heading}`)
  expect(R.toHtml(doc)).toContain(heading)
  expect(Either.getOrThrow(R.fromJson(R.toJson(doc)))).toStrictEqual(doc)
}
const paragraph = (s: R.Section | undefined) => s?.blocks.find((b): b is R.Paragraph => b._tag === "Paragraph")?.text
const report = (
  records: Omit<AnnualReport.Records, "appeals">,
  year: number,
  lang: "ru" | "en",
  divisions?: ReadonlyMap<string, string>
) =>
  AnnualReport.build(
    AnnualReport.inputOf(
      { appeals: [], ...records },
      year,
      Period.lastDay(Period.unsafeYear(`${year}`)),
      divisions === undefined ? {} : { divisions }
    ),
    lang
  )

// ---- methodology ---------------------------------------------------------------

const days = A.dayBetween(day("2019-11-01"), day("2021-02-28"))
const outcome = fc.constantFrom<C.Outcome>("approveManual", "returnManual", "resolution")
const councilSession = (id: string) =>
  fc
    .record({
      date: days,
      held: fc.boolean(),
      agenda: fc.array(fc.option(fc.constantFrom("mr-1", "mr-2", "mr-3"), { nil: undefined }), { maxLength: 3 }),
      decisions: fc.array(outcome, { maxLength: 3 })
    })
    .map(
      ({ date, held, agenda, decisions }) =>
        new C.CouncilSession({
          id: id as SessionId,
          date,
          held,
          agenda: agenda.map(
            (m, i) =>
              new C.AgendaItem({ title: `Вопрос ${i + 1}`, ...(m === undefined ? {} : { manual: m as DocumentId }) })
          ),
          decisions: held ? decisions.map((o, i) => new C.CouncilDecision({ item: i, outcome: o, text: "Решили" })) : []
        })
    )
const manualRecord = (id: string) =>
  fc
    .tuple(
      A.manual(id as DocumentId),
      fc.option(fc.tuple(fc.constantFrom("mc-1", "mc-2"), days), { nil: undefined }),
      fc.uniqueArray(fc.tuple(A.party, days), { maxLength: 4, selector: ([p]) => keyOfParty(p) })
    )
    .map(
      ([manual, approval, sent]) =>
        new C.ManualRecord({
          manual,
          status: approval === undefined ? "submitted" : "approved",
          ...(approval === undefined
            ? {}
            : { approval: new C.Approval({ session: approval[0] as SessionId, date: approval[1] }) }),
          distribution:
            approval === undefined ? [] : sent.map(([recipient, on]) => new C.Distribution({ recipient, on }))
        })
    )
/** Any council state: sessions held or not, in and around the year, manuals approved or not, sent out or not. */
const council: fc.Arbitrary<C.State> = fc
  .tuple(fc.subarray(["mc-1", "mc-2", "mc-3"]), fc.subarray(["mr-1", "mr-2", "mr-3", "mr-4"]))
  .chain(([sessions, manuals]) =>
    fc.tuple(fc.tuple(...sessions.map(councilSession)), fc.tuple(...manuals.map(manualRecord)))
  )
  .map(
    ([sessions, manuals]) =>
      new C.State({
        sessions: Object.fromEntries(sessions.map((s) => [s.id, s])),
        manuals: Object.fromEntries(manuals.map((m) => [m.manual.id, m]))
      })
  )

const methodologyValues = (f: MethodologyFigures.AnnualFigures) => [
  f.sessionsHeld,
  f.decisions,
  f.manualsApproved,
  f.manualsApprovedAsManuals,
  f.manualsApprovedAsRecommendations,
  f.manualsReturned,
  f.distributions,
  f.recipients
]

describe("the annual report: methodological support", () => {
  it.prop(
    "the section's figures are the Council's figures of the year (Methodology.Figures.annual), in both languages; no section for a year with nothing held, approved or sent",
    [council, fc.constantFrom(2019, 2020, 2021)],
    ([state, year]) => {
      const expected = MethodologyFigures.annual(Period.unsafeYear(`${year}`), state)
      const empty =
        expected.sessionsHeld === 0 &&
        expected.manualsApprovedAsManuals + expected.manualsApprovedAsRecommendations === 0 &&
        expected.distributions === 0
      const f = AnnualReport.figures(
        AnnualReport.inputOf({ appeals: [], councils: [state] }, year, day(`${year}-12-31`))
      )
      expect(f.methodology).toStrictEqual(empty ? undefined : expected)
      for (const lang of LANGS) {
        const doc = report({ councils: [state] }, year, lang)
        const s = section(doc, HEADINGS.methodology[lang])
        if (empty) {
          expect(s).toBeUndefined()
          continue
        }
        expect(keyValues(s)).toStrictEqual(methodologyValues(expected))
        // the decisions add up, and the text says each figure
        expect(expected.manualsApproved + expected.manualsReturned + expected.resolutions).toBe(expected.decisions)
        expect(paragraph(s)).toContain(Lexicon.count(lang, expected.sessionsHeld, Lexicon.session))
        expect(paragraph(s)).toContain(Lexicon.count(lang, expected.decisions, Lexicon.decision))
        expect(paragraph(s)).toContain(Lexicon.count(lang, expected.distributions, Lexicon.copy))
        expectRendered(doc, HEADINGS.methodology[lang])
      }
    }
  )

  it.prop(
    "several councils count together: every figure but the recipients is the sum of the councils' figures",
    [fc.array(council, { minLength: 2, maxLength: 3 })],
    ([states]) => {
      const y = Period.unsafeYear("2020")
      const each = states.map((s) => MethodologyFigures.annual(y, s))
      const f = AnnualReport.methodologyOf(states, 2020)
      const sum = (k: "sessionsHeld" | "decisions" | "manualsApproved" | "manualsReturned" | "distributions") =>
        each.reduce((n, x) => n + x[k], 0)
      if (f === undefined) {
        expect(
          sum("sessionsHeld") +
            sum("distributions") +
            each.reduce((n, x) => n + x.manualsApprovedAsManuals + x.manualsApprovedAsRecommendations, 0)
        ).toBe(0)
        return
      }
      for (const k of ["sessionsHeld", "decisions", "manualsApproved", "manualsReturned", "distributions"] as const)
        expect(f[k]).toBe(sum(k))
      expect(f.recipients).toBeLessThanOrEqual(each.reduce((n, x) => n + x.recipients, 0))
      expect(f.recipients).toBeGreaterThanOrEqual(Math.max(...each.map((x) => x.recipients)))
    }
  )

  it("worked example: two sessions of 2020, four decisions, three copies to two recipients — the Russian and English text", () => {
    const manual = (id: string, kind: "manual" | "recommendations") =>
      new Manual({
        id: id as DocumentId,
        kind,
        title: `Пособие ${id}`,
        basedOn: [{ _tag: "Division", id: "appeals-office" as DivisionId }],
        preparedBy: "organisation-department" as DivisionId
      })
    const economy = { _tag: "Division" as const, id: "city-economy" as DivisionId }
    const school = { _tag: "Organization" as const, id: "school-12" as MunicipalOrganisationId }
    const state = Either.getOrThrow(
      Decider.run(C.decider, [
        new C.SubmitManual({ at, actor, manual: manual("mr-1", "manual") }),
        new C.SubmitManual({ at, actor, manual: manual("mr-2", "recommendations") }),
        new C.SubmitManual({ at, actor, manual: manual("mr-3", "manual") }),
        new C.ScheduleCouncilSession({
          at,
          actor,
          session: "mc-1" as SessionId,
          date: day("2020-03-12"),
          agenda: [
            new C.AgendaItem({ title: "О пособии", manual: "mr-1" as DocumentId }),
            new C.AgendaItem({ title: "О плане работы" })
          ]
        }),
        new C.ScheduleCouncilSession({
          at,
          actor,
          session: "mc-2" as SessionId,
          date: day("2020-10-15"),
          agenda: [
            new C.AgendaItem({ title: "О рекомендациях", manual: "mr-2" as DocumentId }),
            new C.AgendaItem({ title: "О пособии", manual: "mr-3" as DocumentId })
          ]
        }),
        new C.HoldCouncilSession({
          at,
          actor,
          session: "mc-1" as SessionId,
          decisions: [
            new C.CouncilDecision({ item: 0, outcome: "approveManual", text: "Одобрить" }),
            new C.CouncilDecision({ item: 1, outcome: "resolution", text: "Утвердить план" })
          ]
        }),
        new C.HoldCouncilSession({
          at,
          actor,
          session: "mc-2" as SessionId,
          decisions: [
            new C.CouncilDecision({ item: 0, outcome: "approveManual", text: "Одобрить" }),
            new C.CouncilDecision({ item: 1, outcome: "returnManual", text: "Доработать" })
          ]
        }),
        new C.DistributeManual({
          at,
          actor,
          manual: "mr-1" as DocumentId,
          recipients: [economy, school],
          on: day("2020-03-20")
        }),
        new C.DistributeManual({
          at,
          actor,
          manual: "mr-2" as DocumentId,
          recipients: [economy],
          on: day("2020-10-20")
        })
      ])
    ).state
    expect(paragraph(section(report({ councils: [state] }, 2020, "ru"), HEADINGS.methodology.ru))).toBe(
      "В 2020 году Методический совет провёл 2 заседания и принял 4 решения: одобрено методических пособий и рекомендаций — 2 (пособий — 1, рекомендаций — 1), " +
        "возвращено на доработку — 1, иных решений — 1. Структурным подразделениям, муниципальным предприятиям и учреждениям направлено 3 экземпляра (получателей — 2)."
    )
    expect(paragraph(section(report({ councils: [state] }, 2020, "en"), HEADINGS.methodology.en))).toBe(
      "In 2020 the Methodological Council held 2 sessions and took 4 decisions: manuals and recommendations approved: 2 (manuals: 1, recommendations: 1); " +
        "returned for revision: 1; other decisions: 1. 3 copies were sent to 2 recipients (divisions, municipal enterprises and institutions)."
    )
    // nothing in 2021: no section
    expect(section(report({ councils: [state] }, 2021, "ru"), HEADINGS.methodology.ru)).toBeUndefined()
  })

  it("the participles and nouns agree with the number", () => {
    const sent = (n: number) => `${Lexicon.form("ru", n, Lexicon.sent)} ${Lexicon.count("ru", n, Lexicon.copy)}`
    expect([1, 3, 12, 21, 111].map(sent)).toStrictEqual([
      "направлен 1 экземпляр",
      "направлено 3 экземпляра",
      "направлено 12 экземпляров",
      "направлен 21 экземпляр",
      "направлено 111 экземпляров"
    ])
    expect([1, 2, 5].map((n) => Lexicon.count("ru", n, Lexicon.session))).toStrictEqual([
      "1 заседание",
      "2 заседания",
      "5 заседаний"
    ])
    expect(
      [1, 4, 11].map((n) => `${Lexicon.form("ru", n, Lexicon.prepared)} ${Lexicon.count("ru", n, Lexicon.draft)}`)
    ).toStrictEqual([
      "подготовлен 1 проект решения",
      "подготовлено 4 проекта решения",
      "подготовлено 11 проектов решений"
    ])
    expect(
      [1, 2].map((n) => `${Lexicon.count("en", n, Lexicon.copy)} ${Lexicon.form("en", n, Lexicon.sent)}`)
    ).toStrictEqual(["1 copy was sent", "2 copies were sent"])
  })
})

// ---- City Duma -----------------------------------------------------------------

const status = fc.constantFrom<S.DraftStatus>("assigned", "submitted", "adopted", "rejected")
const draft = (i: number) =>
  fc.tuple(A.division, K.term(20), days, days, status, days).map(
    ([division, term, assignedOn, deadline, st, submitted]) =>
      new S.Draft({
        id: `draft-${i}` as DocumentId,
        title: "О проекте решения",
        division,
        term,
        assignedOn,
        deadline,
        status: st,
        ...(st === "assigned" ? {} : { submittedOn: submitted })
      })
  )
const instruction = (s: number, d: number, i: number) =>
  fc.tuple(A.division, days).map(([division, due]) => {
    const id = `s${s}-d${d}-ins-${i}`
    return new S.Instruction({
      id: id as InstructionId,
      division,
      task: "Организовать исполнение решения",
      due,
      activity: `act-${id}` as ActivityId,
      link: { _tag: "Goal", id: "g-city" as GoalId }
    })
  })
const dumaSession = (s: number): fc.Arbitrary<S.State> =>
  fc.oneof(
    { arbitrary: fc.constant(S.initialState), weight: 1 },
    {
      arbitrary: fc
        .tuple(
          days,
          fc.integer({ min: 0, max: 4 }),
          fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
          fc.boolean()
        )
        .chain(([date, drafts, decisions, closed]) =>
          fc.tuple(
            fc.constant(date),
            fc.tuple(...Array.from({ length: drafts }, (_, i) => draft(i))),
            fc.tuple(
              ...decisions.map((n, d) => fc.tuple(...Array.from({ length: n }, (_, i) => instruction(s, d, i))))
            ),
            fc.constant(closed)
          )
        )
        .map(
          ([date, drafts, decisions, closed]): S.State =>
            new S.Scheduled({
              session: `duma-${s}` as SessionId,
              date,
              agenda: [],
              drafts,
              closed,
              decisions: decisions.map(
                (instructions, d) =>
                  new S.Decision({ document: `draft-${d}` as DocumentId, number: `${d + 1}`, date, instructions })
              )
            })
        ),
      weight: 4
    }
  )
const sessions = fc
  .integer({ min: 0, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => dumaSession(i))))

const dumaValues = (f: DumaFigures.AnnualFigures) => [
  f.sessions,
  f.drafts,
  f.submittedOnTime,
  f.submittedLate,
  f.notSubmitted,
  f.adopted,
  f.rejected,
  f.instructions
]

describe("the annual report: City Duma support", () => {
  it.prop(
    "the section's figures are the sessions' figures of the year (Duma.Figures.annual), with the instructions by division adding up, in both languages; no section for a year without sessions",
    [sessions, fc.constantFrom(2019, 2020, 2021)],
    ([states, year]) => {
      const expected = DumaFigures.annual(Period.unsafeYear(`${year}`), states)
      const f = AnnualReport.figures(
        AnnualReport.inputOf({ appeals: [], dumaSessions: states }, year, day(`${year}-12-31`))
      )
      expect(f.duma).toStrictEqual(expected.sessions === 0 ? undefined : expected)
      const names = new Map([["education", "Управление образования"]])
      for (const lang of LANGS) {
        const doc = report({ dumaSessions: states }, year, lang, names)
        const s = section(doc, HEADINGS.duma[lang])
        if (expected.sessions === 0) {
          expect(s).toBeUndefined()
          continue
        }
        expect(keyValues(s)).toStrictEqual(dumaValues(expected))
        expect(expected.submittedOnTime + expected.submittedLate + expected.notSubmitted).toBe(expected.drafts)
        const rows = s?.blocks.find((b): b is R.Table => b._tag === "Table")?.rows ?? []
        expect(rows).toStrictEqual(
          Object.entries(expected.instructionsByDivision).map(([d, n]) => [names.get(d) ?? d, n])
        )
        expect(rows.reduce((n, r) => n + (r[1] as number), 0)).toBe(expected.instructions)
        expect(paragraph(s)).toContain(Lexicon.count(lang, expected.sessions, Lexicon.session))
        expect(paragraph(s)).toContain(Lexicon.count(lang, expected.drafts, Lexicon.draft))
        expect(paragraph(s)).toContain(Lexicon.count(lang, expected.instructions, Lexicon.instruction))
        expectRendered(doc, HEADINGS.duma[lang])
      }
    }
  )

  it("worked example: one session of 2021, three drafts (on time, late, not submitted), one adopted with two instructions, one rejected — the Russian and English text", () => {
    const decider = S.decider({ calendar: Calendar.russia() })
    const session = "duma-2021-03" as SessionId
    const m = { session, at, actor }
    const term = new Term({ amount: 10, unit: "workingDays" })
    const assign = (id: string, division: string) =>
      new S.AssignDraft({
        ...m,
        draft: id as DocumentId,
        title: "О внесении изменений",
        division: division as DivisionId,
        term,
        assignedOn: day("2021-02-01")
      })
    const ins = (id: string, division: string) =>
      new S.Instruction({
        id: id as InstructionId,
        division: division as DivisionId,
        task: "Организовать исполнение",
        due: day("2021-06-30"),
        activity: `act-${id}` as ActivityId,
        link: { _tag: "Goal", id: "g-city" as GoalId }
      })
    const state = Either.getOrThrow(
      Decider.run(decider, [
        new S.ScheduleDumaSession({ ...m, date: day("2021-03-30"), agenda: ["Отчёт Мэра города"] }),
        assign("draft-1", "city-economy"),
        assign("draft-2", "education"),
        assign("draft-3", "transport"),
        new S.SubmitDraft({ ...m, draft: "draft-1" as DocumentId, on: day("2021-02-10") }),
        new S.SubmitDraft({ ...m, draft: "draft-2" as DocumentId, on: day("2021-03-26") }),
        new S.AdoptDecision({
          ...m,
          draft: "draft-1" as DocumentId,
          number: "17",
          instructions: [ins("ins-1", "city-economy"), ins("ins-2", "transport")]
        }),
        new S.RejectDraft({ ...m, draft: "draft-2" as DocumentId })
      ])
    ).state
    expect(paragraph(section(report({ dumaSessions: [state] }, 2021, "ru"), HEADINGS.duma.ru))).toBe(
      "В 2021 году состоялось 1 заседание городской Думы. Структурными подразделениями администрации подготовлено 3 проекта решения: " +
        "внесено в срок — 1, с нарушением срока — 1, не внесено — 1. Городская Дума приняла 1 решение, отклонила 1 проект решения. " +
        "Во исполнение принятых решений подразделениям дано 2 поручения."
    )
    expect(paragraph(section(report({ dumaSessions: [state] }, 2021, "en"), HEADINGS.duma.en))).toBe(
      "In 2021 the City Duma held 1 session. The administration's divisions prepared 3 draft decisions: 1 submitted on time, 1 late, 1 not submitted. " +
        "The Duma adopted 1 decision and rejected 1 draft decision. The decisions gave the divisions 2 instructions."
    )
    const md = R.toMarkdown(report({ dumaSessions: [state] }, 2021, "ru"))
    expect(md).toContain("Поручения по решениям городской Думы по подразделениям")
    expect(md).toContain("| city-economy | 1 |")
    expect(md).toContain("| transport | 1 |")
    expect(section(report({ dumaSessions: [state] }, 2020, "ru"), HEADINGS.duma.ru)).toBeUndefined()
  })
})
