import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Redacted, Schema } from "effect"
import { inspect } from "node:util"
import * as Appeal from "../../src/appeals/Appeal.js"
import { Decider, Ids, Meetings } from "../../src/index.js"
import * as MeetingRecords from "../../src/meetings/MeetingRecords.js"
import * as Aggregate from "../../src/ports/Aggregate.js"
import type { StoredEvent } from "../../src/ports/EventStore.js"
import { PERSONAL_DATA_MARKER } from "../../src/testing/AppealsArbitraries.js"
import { MeetingsArbitraries } from "../../src/testing/index.js"
import {
  actor,
  applicant,
  day,
  deputy,
  document,
  local,
  mayor,
  place,
  SECRET_CONTENT,
  SECRET_DOC,
  SECRET_NAME,
  time,
  topic,
  tz
} from "./helpers.js"
import { runs } from "../support/runs.js"

const R = Meetings.Reception
const printed = (x: unknown): ReadonlyArray<string> => [String(x), JSON.stringify(x), inspect(x, { depth: 10 })]

describe("personal data never prints", () => {
  const reception = Ids.ReceptionId.make("r")
  const d = R.decider({ timeZone: tz, suspensions: [] })
  const schedule = new R.ScheduleReception({
    reception,
    at: local("2020-03-02T09:00:00"),
    actor,
    official: deputy,
    day: day("2020-03-05"),
    start: time("10:00"),
    end: time("13:00"),
    venue: new Meetings.Venue.InPerson({ place })
  })
  const card = (answer: Meetings.Reception.CardAnswer) =>
    new R.RecordCard({
      reception,
      at: local("2020-03-05T10:30:00"),
      actor,
      card: Ids.ReceptionCardId.make("c"),
      applicant,
      identityDocument: document,
      content: Redacted.make(SECRET_CONTENT),
      topics: [topic],
      answer
    })

  it("events, states, commands and errors of a reception card", () => {
    const run = Either.getOrThrow(Decider.run(d, [schedule, card(new R.OralAppeal())]))
    const rejected = Decider.handle(
      d,
      run.state,
      card(new R.OralAnswer({ applicantConsented: false, factsObvious: true, summary: Redacted.make(SECRET_CONTENT) }))
    )
    for (const x of [...run.events, run.state, card(new R.OralAppeal()), rejected]) {
      for (const s of printed(x)) {
        expect(s).not.toContain(SECRET_NAME)
        expect(s).not.toContain(SECRET_DOC)
        expect(s).not.toContain(SECRET_CONTENT)
        expect(s).not.toContain("ivanova@example.ru")
      }
    }
  })

  it.prop(
    "any generated applicant is redacted in any printed reception event",
    [MeetingsArbitraries.applicant],
    ([a]) => {
      const e = new R.RepeatReceptionRefused({
        reception,
        at: local("2020-03-05T10:00:00"),
        on: day("2020-03-05"),
        actor,
        applicant: a,
        topics: [topic],
        reference: Ids.AppealId.make("a"),
        answeredOn: day("2020-01-01")
      })
      for (const s of printed(e)) expect(s).not.toContain(Redacted.value(a.name))
    }
  )

  it.prop("meeting rosters and askers are redacted", [fc.constantFrom("Петрова А. А.", "Сидоров Б. В.")], ([name]) => {
    const e = new Meetings.Meeting.QuestionRaised({
      meeting: Ids.MeetingId.make("m"),
      at: local("2020-03-05T10:00:00"),
      on: day("2020-03-05"),
      actor,
      question: Ids.QuestionId.make("q"),
      topic,
      text: "Двор",
      askedBy: Redacted.make(name)
    })
    const a = new Meetings.Meeting.Attendance({ count: 1, roster: [Redacted.make(name)] })
    for (const s of [...printed(e), ...printed(a)]) expect(s).not.toContain(name)
  })
})

// ---- decode errors never echo personal data ----------------------------------------------------

const PD = PERSONAL_DATA_MARKER
/** The printed forms of a value: String(), JSON.stringify, util.inspect and its own toString (Inspectable). */
const printedForms = (x: unknown): ReadonlyArray<string> => [
  String(x),
  JSON.stringify(x),
  inspect(x, { depth: null }),
  (x as { toString(): string }).toString()
]
const leaksNothing = (x: unknown, what: string) => {
  for (const p of printedForms(x)) expect(p, `the printed form of ${what}`).not.toContain(PD)
}

/**
 * A piece of personal data as entered: any characters a text may hold, marked (a valid text: trimmed, 1 to 2000
 * characters, and an appeal's text — no control characters, lone surrogates or U+FFFD — since a card's content and
 * a question's text become an appeal's; `tests/meetings/EnteredText.test.ts` has the texts refused).
 */
const personalValue = fc
  .string({ maxLength: 40, unit: "grapheme" })
  .map((s) => `${PD}${s}⟧`)
  .filter(Appeal.isAppealText)
/** A marked e-mail address. */
const personalEmail = fc.stringMatching(/^[a-z0-9._-]{1,20}$/).map((s) => `${PD}${s}⟧@example.ru`)

type Path = ReadonlyArray<string | number>
type Kind = "text" | "email" | "container"
/** Malformed forms of a personal value `v` for a field of that kind: each fails to decode, and each carries `v`. */
const malformed = (kind: Kind, v: string): fc.Arbitrary<unknown> => {
  switch (kind) {
    case "text":
      return fc.constantFrom<unknown>(` ${v}`, `${v}\n`, `\t${v} `, v + "x".repeat(2000), { value: v }, [v])
    case "email":
      return fc.constantFrom<unknown>(` ${v}`, v.replace("@", " @"), v.replace("@", ""), { value: v })
    case "container":
      // a whole applicant, document, attendance or roster given as a string
      return fc.constantFrom<unknown>(v, ` ${v} `)
  }
}

/** A deep copy of JSON-shaped `input` with `value` at `path`. */
const setAt = (input: unknown, path: Path, value: unknown): Record<string, unknown> => {
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>
  let node: Record<string | number, unknown> = copy
  path.slice(0, -1).forEach((k) => {
    node = node[k] as Record<string | number, unknown>
  })
  node[path[path.length - 1]!] = value
  return copy
}

const fieldOf = (path: Path) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")

// one reception with two cards (an oral appeal, an oral answer), a hand-in and a refusal; one meeting held with a
// roster, a question with its asker referred as an appeal: every event that carries personal data
const RR = Meetings.Reception
const MM = Meetings.Meeting
const reception = Ids.ReceptionId.make("r-pd")
const meeting = Ids.MeetingId.make("m-pd")
const card1 = Ids.ReceptionCardId.make("c-1")
const card2 = Ids.ReceptionCardId.make("c-2")
const question = Ids.QuestionId.make("q-1")
const receptionDecider = RR.decider({ timeZone: tz, suspensions: [] })
const meetingDecider = MM.decider({ timeZone: tz, suspensions: [] })
const cardAt = local("2020-03-05T10:30:00")
const heldAt = local("2020-03-10T20:00:00")

interface PersonalValues {
  readonly name: string
  readonly address: string
  readonly email: string
  readonly phone: string
  readonly document: string
  readonly content: string
  readonly summary: string
  readonly handIn: string
  readonly roster: ReadonlyArray<string>
  readonly asker: string
  /** Not personal data as such (a question is public: views and minutes show it), but never echoed in a decode error. */
  readonly questionText: string
}

const scenario = (pd: PersonalValues) => {
  const applicantOf = new RR.Applicant({
    name: Redacted.make(pd.name),
    postalAddress: Redacted.make(pd.address),
    email: Redacted.make(pd.email),
    phone: Redacted.make(pd.phone)
  })
  const identityDocument = new RR.IdentityDocument({ kind: "passport", details: Redacted.make(pd.document) })
  const recordCard = (card: Ids.ReceptionCardId, answer: Meetings.Reception.CardAnswer) =>
    new RR.RecordCard({
      reception,
      at: cardAt,
      actor,
      card,
      applicant: applicantOf,
      identityDocument,
      content: Redacted.make(pd.content),
      topics: [topic],
      answer
    })
  const oralAnswer = (applicantConsented: boolean) =>
    new RR.OralAnswer({ applicantConsented, factsObvious: true, summary: Redacted.make(pd.summary) })
  const receptionCommands = {
    schedule: new RR.ScheduleReception({
      reception,
      at: local("2020-03-02T09:00:00"),
      actor,
      official: deputy,
      day: day("2020-03-05"),
      start: time("10:00"),
      end: time("13:00"),
      venue: new Meetings.Venue.InPerson({ place })
    }),
    card: recordCard(card1, new RR.OralAppeal()),
    answered: recordCard(card2, oralAnswer(true)),
    handIn: new RR.HandInWrittenAppeal({
      reception,
      at: cardAt,
      actor,
      card: card1,
      text: Redacted.make(pd.handIn),
      topics: [topic]
    }),
    refuse: new RR.RefuseRepeatReception({
      reception,
      at: cardAt,
      actor,
      applicant: applicantOf,
      topics: [topic],
      reference: Ids.AppealId.make("a-1"),
      answeredOn: day("2020-01-01")
    })
  }
  const attendance = new MM.Attendance({ count: pd.roster.length, roster: pd.roster.map((n) => Redacted.make(n)) })
  const meetingCommands = {
    schedule: new MM.ScheduleMeeting({
      meeting,
      at: local("2020-03-02T09:00:00"),
      actor,
      title: "Благоустройство дворов",
      day: day("2020-03-10"),
      start: time("18:00"),
      format: new Meetings.Venue.InPerson({ place }),
      officials: [mayor, deputy],
      chair: mayor
    }),
    hold: new MM.HoldMeeting({ meeting, at: heldAt, actor, heldAt: local("2020-03-10T18:00:00"), attendance }),
    raise: new MM.RaiseQuestion({
      meeting,
      at: heldAt,
      actor,
      question,
      topic,
      text: "Когда отремонтируют двор?",
      askedBy: Redacted.make(pd.asker)
    }),
    refer: new MM.DisposeQuestion({ meeting, at: heldAt, actor, question, disposition: new MM.ReferAsAppeal() })
  }
  const receptionRun = Either.getOrThrow(Decider.run(receptionDecider, Object.values(receptionCommands)))
  const meetingRun = Either.getOrThrow(Decider.run(meetingDecider, Object.values(meetingCommands)))
  // rejected commands that carry personal data: a duplicate card, an oral answer without consent, a roster longer
  // than the count, a duplicate question
  const rejections: ReadonlyArray<Either.Either<unknown, unknown>> = [
    Decider.handle(receptionDecider, receptionRun.state, receptionCommands.card),
    Decider.handle(
      receptionDecider,
      Either.getOrThrow(Decider.run(receptionDecider, [receptionCommands.schedule])).state,
      recordCard(card2, oralAnswer(false))
    ),
    Decider.handle(
      meetingDecider,
      Either.getOrThrow(Decider.run(meetingDecider, [meetingCommands.schedule])).state,
      new MM.HoldMeeting({
        meeting,
        at: heldAt,
        actor,
        heldAt: local("2020-03-10T18:00:00"),
        attendance: new MM.Attendance({ count: 0, roster: attendance.roster ?? [] })
      })
    ),
    Decider.handle(meetingDecider, meetingRun.state, meetingCommands.raise)
  ]
  const errors = rejections.map((r) => {
    expect(Either.isLeft(r)).toBe(true)
    return Either.isLeft(r) ? r.left : r
  })
  return { receptionCommands, meetingCommands, receptionRun, meetingRun, errors }
}

const fixedValues: PersonalValues = {
  name: `${PD}Иванова Мария⟧`,
  address: `${PD}ул. Ленина, 1⟧`,
  email: `${PD}ivanova⟧@example.ru`,
  phone: `${PD}+7 900 000⟧`,
  document: `${PD}0800 123456⟧`,
  content: `${PD}крыша⟧`,
  summary: `${PD}ответ⟧`,
  handIn: `${PD}заявление⟧`,
  roster: [`${PD}Петрова⟧`],
  asker: `${PD}Сидоров⟧`,
  questionText: `${PD}Двор⟧`
}

/** The events of the scenario, encoded for storage, as stored events of their stream. */
const storedOf = (category: string, id: string, payloads: ReadonlyArray<unknown>): ReadonlyArray<StoredEvent> =>
  payloads.map((payload, i) => ({
    position: i + 1,
    eventId: `e-${i + 1}`,
    category,
    streamId: id,
    version: i + 1,
    type: String((payload as { _tag: string })._tag),
    payload,
    recordedAt: "2020-03-10T00:00:00.000Z"
  }))

type Decoded = Either.Either<unknown, { readonly message: string }>
interface Case {
  readonly what: string
  readonly input: unknown
  readonly path: Path
  readonly kind: Kind
  readonly decode: (input: unknown) => Decoded
  /** The field a command's `InvalidMeetingsInput` names (none for a stored event: its `CorruptEvent` names the stream). */
  readonly field?: string
}

/** The paths of the marked strings in JSON-shaped `x`: where the personal data is. */
const markedPaths = (x: unknown, at: Path = []): ReadonlyArray<Path> =>
  typeof x === "string"
    ? x.includes(PD)
      ? [at]
      : []
    : Array.isArray(x)
      ? x.flatMap((y, i) => markedPaths(y, [...at, i]))
      : typeof x === "object" && x !== null
        ? Object.entries(x).flatMap(([k, y]) => markedPaths(y, [...at, k]))
        : []

/** The containers of personal data (an applicant, a document, an attendance and its roster): given as a bare string, they must not echo it either. */
const CONTAINERS: ReadonlySet<string> = new Set(["applicant", "identityDocument", "attendance", "roster"])

/** Every personal field of `input` (found by its marked value), every container of one, and the question text when there is one. */
const casesOf = (
  what: string,
  input: unknown,
  decode: (input: unknown) => Decoded,
  named: boolean
): ReadonlyArray<Case> => {
  const leaves = markedPaths(input)
  const containers = new Map<string, Path>()
  for (const path of leaves) {
    path.forEach((k, i) => {
      if (typeof k === "string" && CONTAINERS.has(k))
        containers.set(fieldOf(path.slice(0, i + 1)), path.slice(0, i + 1))
    })
  }
  const questionText: ReadonlyArray<Path> =
    typeof (input as { text?: unknown }).text === "string" && what.includes("Question") ? [["text"]] : []
  const all: ReadonlyArray<[Path, Kind]> = [
    ...leaves.map((path): [Path, Kind] => [path, path[path.length - 1] === "email" ? "email" : "text"]),
    ...[...containers.values()].map((path): [Path, Kind] => [path, "container"]),
    ...questionText.map((path): [Path, Kind] => [path, "text"])
  ]
  return all.map(([path, kind]) => ({
    what: `${what} ${fieldOf(path)}`,
    input,
    path,
    kind,
    decode,
    ...(named ? { field: fieldOf(path) } : {})
  }))
}

const fixed = scenario(fixedValues)
const cases = ((): ReadonlyArray<Case> => {
  const s = fixed
  const commands: ReadonlyArray<[unknown, (input: unknown) => Decoded]> = [
    ...Object.values(s.receptionCommands).map((c): [unknown, (input: unknown) => Decoded] => [
      Schema.encodeSync(RR.Command)(c),
      RR.decodeCommand
    ]),
    ...Object.values(s.meetingCommands).map((c): [unknown, (input: unknown) => Decoded] => [
      Schema.encodeSync(MM.Command)(c),
      MM.decodeCommand
    ])
  ]
  const stored = (definition: typeof MeetingRecords.receptionDefinition, id: string, encoded: ReadonlyArray<unknown>) =>
    storedOf(definition.category, id, encoded).flatMap((e) =>
      casesOf(`stored ${e.type}`, e.payload, (payload) => Aggregate.decodeEvent(definition, { ...e, payload }), false)
    )
  return [
    ...commands.flatMap(([input, decode]) => casesOf((input as { _tag: string })._tag, input, decode, true)),
    ...stored(
      MeetingRecords.receptionDefinition,
      reception,
      s.receptionRun.events.map((e) => Schema.encodeSync(RR.Event)(e))
    ),
    ...stored(
      MeetingRecords.meetingDefinition as unknown as typeof MeetingRecords.receptionDefinition,
      meeting,
      s.meetingRun.events.map((e) => Schema.encodeSync(MM.Event)(e))
    )
  ]
})()

describe("personal data never appears in a decode error of the meetings area", () => {
  it("the cases: every command and stored event that carries personal data, each input valid before it is made malformed", () => {
    const covered = new Set(cases.map((c) => c.what.split(" ").slice(0, -1).join(" ")))
    expect([...covered].sort()).toEqual([
      "HandInWrittenAppeal",
      "HoldMeeting",
      "RaiseQuestion",
      "RecordCard",
      "RefuseRepeatReception",
      ...[
        "CardAnsweredOrally",
        "CardRecorded",
        "MeetingHeld",
        "OralAppealRequested",
        "QuestionRaised",
        "QuestionReferredAsAppeal",
        "RepeatReceptionRefused",
        "WrittenAppealHandedIn"
      ].map((t) => `stored ${t}`)
    ])
    // a card's applicant: all four fields and the applicant itself; the question's asker and text
    const fields = (tag: string) =>
      [...new Set(cases.filter((c) => c.what.startsWith(`${tag} `)).map((c) => c.field))].sort()
    // (two cards: one answered orally)
    expect(fields("RecordCard")).toEqual([
      "answer.summary",
      "applicant",
      "applicant.email",
      "applicant.name",
      "applicant.phone",
      "applicant.postalAddress",
      "content",
      "identityDocument",
      "identityDocument.details"
    ])
    expect(fields("RaiseQuestion")).toEqual(["askedBy", "text"])
    expect(fields("HoldMeeting")).toEqual(["attendance", "attendance.roster", "attendance.roster[0]"])
    for (const c of cases) expect(Either.isRight(c.decode(c.input)), c.what).toBe(true)
  })

  it.prop(
    "a malformed personal field: the command's InvalidMeetingsInput names the field and says what was expected; a stored event's CorruptEvent; never the value",
    [
      fc.constantFrom(...cases).chain((c) =>
        fc.tuple(
          fc.constant(c),
          (c.kind === "email" ? personalEmail : personalValue).chain((v) => malformed(c.kind, v))
        )
      )
    ],
    ([[c, bad]]) => {
      const r = c.decode(setAt(c.input, c.path, bad))
      expect(Either.isLeft(r), c.what).toBe(true)
      if (Either.isLeft(r)) {
        if (c.field !== undefined)
          expect(r.left, c.what).toMatchObject({ _tag: "InvalidMeetingsInput", reason: "malformed", field: c.field })
        else expect(r.left, c.what).toMatchObject({ _tag: "CorruptEvent" })
        expect(r.left.message, c.what).toContain("the value is not shown")
        leaksNothing(r.left, c.what)
      }
      // what an adapter decoding with the Schema itself sees
      if (c.field !== undefined) {
        const raw = Schema.decodeUnknownEither(Schema.Union(RR.Command, MM.Command))(setAt(c.input, c.path, bad))
        expect(Either.isLeft(raw)).toBe(true)
        if (Either.isLeft(raw)) leaksNothing(raw.left, `the parse error of ${c.what}`)
      }
    },
    { fastCheck: { numRuns: runs(300) } }
  )

  it.prop(
    "random personal strings: no printed event, state, error or loop request shows them; storage keeps them; a malformed one is not echoed",
    [
      fc.record({
        name: personalValue,
        address: personalValue,
        email: personalEmail,
        phone: personalValue,
        document: personalValue,
        content: personalValue,
        summary: personalValue,
        handIn: personalValue,
        roster: fc.array(personalValue, { minLength: 1, maxLength: 3 }),
        asker: personalValue,
        questionText: personalValue
      })
    ],
    ([pd]) => {
      const s = scenario(pd)
      const events = [...s.receptionRun.events, ...s.meetingRun.events]
      for (const e of events) leaksNothing(e, e._tag)
      leaksNothing(s.receptionRun.state, "the reception state")
      leaksNothing(s.meetingRun.state, "the meeting state")
      for (const e of s.errors) leaksNothing(e, "a rejection")
      for (const c of [...Object.values(s.receptionCommands), ...Object.values(s.meetingCommands)])
        leaksNothing(c, c._tag)
      // the loop's requests into the appeals area carry the same personal data
      const ctx = {
        appealId: Ids.AppealId.make("a-2"),
        registrationNumber: Appeal.registrationNumber("ОГ", 2020, 1),
        actor,
        at: heldAt,
        addressee: new Appeal.ToMayor()
      }
      for (const e of events) {
        if (e._tag === "OralAppealRequested")
          leaksNothing(Meetings.Loop.registerOralAppeal(e, ctx), "RegisterOralAppeal")
        if (e._tag === "WrittenAppealHandedIn")
          leaksNothing(Meetings.Loop.registerWrittenAppeal(e, ctx), "RegisterAppeal")
        if (e._tag === "QuestionReferredAsAppeal")
          leaksNothing(Meetings.Loop.registerQuestionAppeal(e, ctx), "RegisterAppeal")
      }
      // storage keeps every value (the test is not vacuous)
      const stored = JSON.stringify([
        ...s.receptionRun.events.map((e) => Schema.encodeSync(RR.Event)(e)),
        ...s.meetingRun.events.map((e) => Schema.encodeSync(MM.Event)(e))
      ])
      for (const v of [
        pd.name,
        pd.address,
        pd.email,
        pd.phone,
        pd.document,
        pd.content,
        pd.summary,
        pd.handIn,
        ...pd.roster,
        pd.asker
      ]) {
        expect(stored).toContain(JSON.stringify(v).slice(1, -1))
      }
      // each value made malformed (a leading space) in the command that brought it: the typed error never shows it
      const card = Schema.encodeSync(RR.Command)(s.receptionCommands.answered)
      const hold = Schema.encodeSync(MM.Command)(s.meetingCommands.hold)
      const raise = Schema.encodeSync(MM.Command)(s.meetingCommands.raise)
      const handIn = Schema.encodeSync(RR.Command)(s.receptionCommands.handIn)
      const bad: ReadonlyArray<[Either.Either<unknown, Meetings.Errors.InvalidMeetingsInput>, string]> = [
        [RR.decodeCommand(setAt(card, ["applicant", "name"], ` ${pd.name}`)), "applicant.name"],
        [RR.decodeCommand(setAt(card, ["applicant", "postalAddress"], ` ${pd.address}`)), "applicant.postalAddress"],
        [RR.decodeCommand(setAt(card, ["applicant", "email"], ` ${pd.email}`)), "applicant.email"],
        [RR.decodeCommand(setAt(card, ["applicant", "phone"], ` ${pd.phone}`)), "applicant.phone"],
        [RR.decodeCommand(setAt(card, ["identityDocument", "details"], ` ${pd.document}`)), "identityDocument.details"],
        [RR.decodeCommand(setAt(card, ["content"], ` ${pd.content}`)), "content"],
        [RR.decodeCommand(setAt(card, ["answer", "summary"], ` ${pd.summary}`)), "answer.summary"],
        [RR.decodeCommand(setAt(handIn, ["text"], ` ${pd.handIn}`)), "text"],
        [MM.decodeCommand(setAt(hold, ["attendance", "roster", 0], ` ${pd.roster[0]!}`)), "attendance.roster[0]"],
        [MM.decodeCommand(setAt(raise, ["askedBy"], ` ${pd.asker}`)), "askedBy"],
        [MM.decodeCommand(setAt(raise, ["text"], ` ${pd.questionText}`)), "text"],
        // a text that becomes an appeal's holds none of what an appeal's text refuses: U+FFFD, NUL, a lone surrogate
        ...["\uFFFD", "\u0000", "\uD800"].flatMap(
          (u): ReadonlyArray<[Either.Either<unknown, Meetings.Errors.InvalidMeetingsInput>, string]> => [
            [RR.decodeCommand(setAt(card, ["content"], `${pd.content}${u}.`)), "content"],
            [RR.decodeCommand(setAt(handIn, ["text"], `${pd.handIn}${u}.`)), "text"],
            [MM.decodeCommand(setAt(raise, ["text"], `${pd.questionText}${u}.`)), "text"]
          ]
        )
      ]
      for (const [r, field] of bad) {
        expect(r).toMatchObject({ _tag: "Left", left: { _tag: "InvalidMeetingsInput", field } })
        if (Either.isLeft(r)) leaksNothing(r.left, `the error on ${field}`)
      }
    },
    { fastCheck: { numRuns: runs(100) } }
  )
})
