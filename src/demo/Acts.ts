/**
 * The demo city's acts of issue 20, drawn from no seed (so the seed's
 * figures stay as they are): executors and answer documents with outgoing
 * numbers of the journal on every 40th appeal answered on the merits,
 * notices recorded with every extension and forwarding, signatories on the
 * collective appeals — none of which changes an outcome, a due date or a
 * count — and, in January 2021, a few appeals that show the rest: one
 * returned as contesting a court decision (59-FZ art. 11 p. 2), one referred
 * to a published answer (art. 11 p. 5.1), one declined for a state secret
 * (art. 11 p. 6), one whose copies went to two other bodies (art. 8 p. 4),
 * a collective one with its signatories and a repeated one linked to the
 * applicant's earlier answered appeal (`Repeated.mark`).
 *
 * @module
 */
import { Redacted } from "effect"
import * as Appeal from "../appeals/Appeal.js"
import * as AC from "../appeals/AppealCommand.js"
import * as Repeated from "../appeals/Repeated.js"
import type { TopicCode } from "../appeals/Topic.js"
import type { ActorId, AppealId, DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import * as City from "./City.js"

type History = readonly [AC.AppealCommand, ...Array<AC.AppealCommand>]

/** An appeal record as the generator makes it. */
export interface AppealRecord {
  readonly kind: "appeal"
  readonly history: History
}

/** The instant of a local day and time in Khabarovsk (UTC+10). */
const instant = (day: string, hour: number, minute = 0): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) + ((hour - 10) * 60 + minute) * 60_000)

/** The local day of an instant in Khabarovsk. */
const localDay = (at: Date): Day => Period.unsafeDay(new Date(at.getTime() + 10 * 3_600_000).toISOString().slice(0, 10))

const actor = (s: string) => s as ActorId

/** The journal's outgoing numbers, year by year, in the order the answers are dated. */
const journal = () => {
  const last = new Map<number, number>()
  return (date: Day): Appeal.OutgoingNumber => {
    const year = Number(date.slice(0, 4))
    const n = (last.get(year) ?? 0) + 1
    last.set(year, n)
    return Appeal.outgoingNumber("Исх", year, n)
  }
}

const divisionOf = (id: DivisionId) => City.divisions.find((d) => d.id === id)

/** The executor and co-executor of a division (its two specialists). */
const executors = (division: DivisionId) => {
  const d = divisionOf(division)
  const [a, b] = d === undefined ? [] : City.executorsOf(d)
  return a === undefined || b === undefined
    ? undefined
    : {
        executor: { official: a.id, division },
        coExecutors: [{ official: b.id, division }]
      }
}

/** The official who signs a division's answers: its deputy mayor by the duty distribution. */
const signer = (division: DivisionId): OfficialId => divisionOf(division)?.controller ?? ("mayor" as OfficialId)

const sequenceOf = (id: AppealId): number => Number(id.slice(id.lastIndexOf("-") + 1))

const noticeFor = (register: AC.AppealCommand, at: Date): Appeal.NoticeSent =>
  new Appeal.NoticeSent(
    {
      channel: register._tag === "RegisterAppeal" && register.channel === "electronic" ? "email" : "post",
      sentAt: at
    },
    true
  )

const withProps = <C extends AC.AppealCommand>(c: C, props: Partial<Omit<C, "_tag">>): C => {
  const { _tag: _omitted, ...rest } = c
  const Cls = c.constructor as new (p: Omit<C, "_tag">, disableValidation?: boolean) => C
  return new Cls({ ...rest, ...props } as Omit<C, "_tag">, true)
}

/** Adds the acts of issue 20 to generated appeals without changing an outcome, a due date or a count. */
const enrich = (r: AppealRecord, take: (date: Day) => Appeal.OutgoingNumber): AppealRecord => {
  const [register, ...rest] = r.history
  const seq = sequenceOf(register.appealId)
  const documented = seq % 40 === 0
  const first =
    (register._tag === "RegisterAppeal" || register._tag === "RegisterOralAppeal") &&
    register.kind === "collective" &&
    register.signatories === undefined
      ? withProps(register, { signatories: 2 + (seq % 37) })
      : register
  const out: Array<AC.AppealCommand> = [first]
  let division: DivisionId | undefined
  for (const c of rest) {
    if (c._tag === "ExtendTerm" || c._tag === "ForwardByCompetence") {
      out.push(c.notice === undefined ? withProps(c, { notice: noticeFor(register, c.at) }) : c)
      continue
    }
    if (c._tag === "AnswerOnMerits" && documented && c.document === undefined && division !== undefined) {
      const date = localDay(c.at)
      out.push(
        withProps(c, {
          document: new Appeal.AnswerDocumentDraft(
            { outgoingNumber: take(date), date, signedBy: signer(division) },
            true
          )
        })
      )
      continue
    }
    out.push(c)
    if (c._tag === "AssignToDivision") {
      division = c.division
      const x = documented ? executors(c.division) : undefined
      if (x !== undefined)
        out.push(
          new AC.AssignExecutors(
            { appealId: c.appealId, at: new Date(c.at.getTime() + 60_000), actor: actor(`head-${c.division}`), ...x },
            true
          )
        )
    }
  }
  return { kind: "appeal", history: out as unknown as History }
}

/** The appeals of January 2021 that show the grounds and facts the generated years do not. */
const january2021 = (earlier: ReadonlyArray<AppealRecord>, take: (date: Day) => Appeal.OutgoingNumber) => {
  const housing = City.topics[0]!
  const roads = City.topics.find((t) => t.division !== housing.division) ?? housing
  let seq = 0
  const registration = (
    day: string,
    fields: {
      readonly topics: readonly [string, ...Array<string>]
      readonly applicant: Appeal.Applicant
      readonly kind?: Appeal.Kind
      readonly signatories?: number
      readonly text: string
    }
  ) => {
    seq++
    const id = `A-2021-${String(seq).padStart(5, "0")}` as AppealId
    return new AC.RegisterAppeal(
      {
        appealId: id,
        at: instant(day, 10, seq),
        actor: actor("registry-clerk"),
        registrationNumber: Appeal.registrationNumber("ОГ", 2021, seq),
        kind: fields.kind ?? "individual",
        type: "statement",
        addressee: new Appeal.ToMayor({}, true),
        applicant: fields.applicant,
        text: Redacted.make(fields.text),
        topics: fields.topics as unknown as readonly [TopicCode, ...Array<TopicCode>],
        relatedAppeals: [],
        ...(fields.signatories !== undefined ? { signatories: fields.signatories } : {}),
        receivedAt: instant(day, 9, seq),
        channel: "written"
      },
      true
    )
  }
  const person = (n: number) =>
    new Appeal.Applicant(
      {
        name: Redacted.make(`Заявитель 2021-${n}`),
        postalAddress: Redacted.make(`г. Демоград, ул. Новая, д. ${n}`)
      },
      true
    )
  const on = (id: AppealId, day: string, hour: number) => ({
    appealId: id,
    at: instant(day, hour),
    actor: actor("registry-clerk")
  })
  const assign = (id: AppealId, day: string, division: DivisionId) =>
    new AC.AssignToDivision({ ...on(id, day, 11), division }, true)
  const answered = (id: AppealId, day: string, division: DivisionId): ReadonlyArray<AC.AppealCommand> => {
    const x = executors(division)
    const date = Period.unsafeDay(day)
    return [
      ...(x === undefined ? [] : [new AC.AssignExecutors({ ...on(id, day, 12), ...x }, true)]),
      new AC.AnswerOnMerits(
        {
          ...on(id, day, 15),
          actor: actor(`head-${division}`),
          result: "explained",
          form: "written",
          document: new Appeal.AnswerDocumentDraft(
            { outgoingNumber: take(date), date, signedBy: signer(division) },
            true
          )
        },
        true
      )
    ]
  }
  const out: Array<AppealRecord> = []
  const push = (...history: History) => out.push({ kind: "appeal", history })

  const court = registration("2021-01-11", {
    topics: [housing.code],
    applicant: person(1),
    text: "Не согласен с решением районного суда о выселении, прошу его отменить"
  })
  push(
    court,
    new AC.ReturnCourtDecisionAppeal(
      {
        ...on(court.appealId, "2021-01-13", 11),
        explanation: "Решение суда обжалуется в апелляционном порядке в краевой суд через суд, принявший решение",
        notice: new Appeal.NoticeSent({ channel: "post", sentAt: instant("2021-01-13", 16) }, true)
      },
      true
    )
  )
  const published = registration("2021-01-11", {
    topics: [roads.code],
    applicant: person(2),
    text: "Когда отремонтируют дороги по программе 2021 года?"
  })
  push(
    published,
    assign(published.appealId, "2021-01-12", roads.division),
    new AC.ReferToPublishedAnswer(
      {
        ...on(published.appealId, "2021-01-14", 11),
        url: "https://demograd.ru/answers/roads-2021",
        notice: new Appeal.NoticeSent({ channel: "post", sentAt: instant("2021-01-14", 16) }, true)
      },
      true
    )
  )
  const secret = registration("2021-01-12", {
    topics: [housing.code],
    applicant: person(3),
    text: "Прошу сообщить расположение защитных сооружений гражданской обороны"
  })
  push(
    secret,
    assign(secret.appealId, "2021-01-13", housing.division),
    new AC.DeclineForSecrecy(
      {
        ...on(secret.appealId, "2021-01-20", 11),
        actor: actor(`head-${housing.division}`),
        secret: "state",
        notice: new Appeal.NoticeSent({ channel: "post", sentAt: instant("2021-01-20", 16) }, true)
      },
      true
    )
  )
  const copies = registration("2021-01-12", {
    topics: [housing.code, roads.code],
    applicant: person(4),
    text: "Во дворе прорвало трубу, а управляющая компания бездействует"
  })
  push(
    copies,
    assign(copies.appealId, "2021-01-13", housing.division),
    new AC.SendCopies(
      {
        ...on(copies.appealId, "2021-01-14", 11),
        to: ["Министерство ЖКХ края", "Государственная жилищная инспекция края"]
      },
      true
    ),
    ...answered(copies.appealId, "2021-01-29", housing.division)
  )
  const collective = registration("2021-01-13", {
    topics: [roads.code],
    applicant: person(5),
    kind: "collective",
    signatories: 37,
    text: "Жители дома просят установить освещение во дворе"
  })
  push(
    collective,
    assign(collective.appealId, "2021-01-14", roads.division),
    ...answered(collective.appealId, "2021-02-05", roads.division)
  )
  // a repeated appeal: the applicant of an answered appeal of 2020 writes again on the same question
  const source = earlier.find((r) => {
    const last = r.history[r.history.length - 1]!
    return (
      r.history[0]._tag === "RegisterAppeal" &&
      r.history[0].channel === "written" &&
      r.history[0].appealId.startsWith("A-2020-") &&
      last._tag === "AnswerOnMerits"
    )
  })
  if (source !== undefined && source.history[0]._tag === "RegisterAppeal") {
    const before = source.history[0]
    const last = source.history[source.history.length - 1]!
    const repeated = Repeated.mark(
      registration("2021-01-15", {
        topics: [before.topics[0]],
        applicant: before.applicant ?? person(6),
        text: "Повторно прошу решить вопрос, ответ не устроил"
      }),
      [
        {
          appealId: before.appealId,
          applicant: before.applicant,
          topics: before.topics,
          outcome: "answered",
          closedOn: localDay(last.at)
        }
      ],
      Period.unsafeDay("2021-01-15")
    )
    const division = City.topics.find((t) => t.code === before.topics[0])?.division ?? housing.division
    push(
      repeated,
      assign(repeated.appealId, "2021-01-18", division),
      ...answered(repeated.appealId, "2021-02-10", division)
    )
  }
  return out
}

/**
 * The generated appeals with the acts of issue 20 added (no outcome, due
 * date or count changes), followed by the January 2021 appeals; the
 * outgoing numbers of the journal run in the order the answers are dated.
 */
export const appeals = (generated: ReadonlyArray<AppealRecord>): ReadonlyArray<AppealRecord> => {
  // numbers by the answers' dates: collect the documented answers first, then number them in date order
  const dated: Array<{ readonly date: Day; readonly key: number }> = []
  let k = 0
  const probe = (date: Day): Appeal.OutgoingNumber => {
    dated.push({ date, key: k++ })
    return Appeal.outgoingNumber("Исх", Number(date.slice(0, 4)), 0)
  }
  const drafted = generated.map((r) => enrich(r, probe))
  const extra = january2021(drafted, probe)
  const order = [...dated].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key - b.key))
  const take = journal()
  const numbers = new Map<number, Appeal.OutgoingNumber>()
  for (const d of order) numbers.set(d.key, take(d.date))
  let i = 0
  const renumber = (r: AppealRecord): AppealRecord => ({
    kind: "appeal",
    history: r.history.map((c) =>
      c._tag === "AnswerOnMerits" && c.document !== undefined
        ? withProps(c, {
            document: new Appeal.AnswerDocumentDraft({ ...c.document, outgoingNumber: numbers.get(i++)! }, true)
          })
        : c
    ) as unknown as History
  })
  return [...drafted, ...extra].map(renumber)
}
