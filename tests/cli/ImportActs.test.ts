/**
 * The import carries the facts of issue 20 (JSON Lines and CSV): executors,
 * copies to other bodies, the new 59-FZ grounds with their notices, the
 * answer document (its outgoing number held in the journal of outgoing
 * answers in the record's own transaction: a number another answer holds
 * rejects the record, naming it), signatories and repeated links. A
 * re-import stores nothing new.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as Importer from "../../adapters/cli/import/Importer.js"
import { Appeals, Ports } from "../../src/index.js"

async function* linesOf(lines: ReadonlyArray<string>): AsyncIterable<string> {
  for (const l of lines) yield l
}

const importAll = (
  lines: ReadonlyArray<string>,
  options: { readonly csv?: boolean; readonly batchSize?: number } = {}
) =>
  Effect.gen(function* () {
    const rejected: Array<Importer.Rejection> = []
    const counts = yield* (options.csv === true ? Importer.importCsvLines : Importer.importLines)(linesOf(lines), {
      recordedAt: "2021-04-15T00:00:00.000Z",
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      onReject: (r: Importer.Rejection) => Effect.sync(() => void rejected.push(r))
    })
    return { counts, rejected }
  })

const run = <A, E>(e: Effect.Effect<A, E, Ports.EventStore.EventStore | Ports.ReadModels.ReadModels>) =>
  Effect.runPromise(Effect.provide(e, MemoryStore.layer))

const stateOf = (id: string) =>
  Effect.map(Ports.CommandHandler.load(Appeals.AppealRecords.definition, id), (l) => l.state)

const applicant = {
  name: "Иванова Мария Петровна",
  email: "ivanova@example.ru",
  postalAddress: "г. Хабаровск, ул. Ленина, 1"
}
const register = (id: string, n: number, extra: Record<string, unknown> = {}) => ({
  _tag: "RegisterAppeal",
  appealId: id,
  at: "2021-03-15T01:00:00.000Z",
  actor: "clerk-1",
  registrationNumber: `ОГ-2021-${String(n).padStart(5, "0")}`,
  kind: "individual",
  type: "complaint",
  addressee: { _tag: "ToMayor" },
  applicant,
  text: "Прошу отремонтировать крышу дома",
  topics: ["0005.0005.0056.1134"],
  relatedAppeals: [],
  receivedAt: "2021-03-15T00:00:00.000Z",
  channel: "written",
  ...extra
})
const common = (id: string, at: string) => ({ appealId: id, at, actor: "head-economy" })
const assign = (id: string) => ({
  _tag: "AssignToDivision",
  ...common(id, "2021-03-15T02:00:00.000Z"),
  division: "economy"
})
const answered = (id: string, n: number, outgoing: string) =>
  JSON.stringify({
    kind: "appeal",
    history: [
      register(id, n, { kind: "collectiveRepeated", signatories: 12, relatedAppeals: ["A-0"] }),
      assign(id),
      {
        _tag: "AssignExecutors",
        ...common(id, "2021-03-15T03:00:00.000Z"),
        executor: { official: "ivanov", division: "economy" },
        coExecutors: [{ official: "petrova", division: "economy" }]
      },
      { _tag: "SendCopies", ...common(id, "2021-03-16T03:00:00.000Z"), to: ["Прокуратура края"] },
      {
        _tag: "AnswerOnMerits",
        ...common(id, "2021-04-01T03:00:00.000Z"),
        result: "explained",
        form: "written",
        document: { outgoingNumber: outgoing, date: "2021-04-01", signedBy: "deputy-1" }
      }
    ]
  })
const notice = { channel: "post", sentAt: "2021-03-17T03:00:00.000Z" }
const disposed = (id: string, n: number, act: Record<string, unknown>) =>
  JSON.stringify({
    kind: "appeal",
    history: [register(id, n), { ...common(id, "2021-03-17T02:00:00.000Z"), notice, ...act }]
  })

describe("import: the facts of issue 20", () => {
  it("JSON Lines: executors, copies, the answer document, signatories, repeated links, the new grounds with notices", async () => {
    const lines = [
      answered("A-1", 1, "Исх-2021-00007"),
      disposed("A-2", 2, { _tag: "ReturnCourtDecisionAppeal", explanation: "Обжалуется в апелляционном порядке" }),
      disposed("A-3", 3, { _tag: "ReferToPublishedAnswer", url: "https://khabarovskadm.ru/answers/42" }),
      disposed("A-4", 4, { _tag: "DeclineForSecrecy", secret: "state" })
    ]
    const out = await run(
      Effect.gen(function* () {
        const first = yield* importAll(lines)
        const states = yield* Effect.forEach(["A-1", "A-2", "A-3", "A-4"], stateOf)
        const journal = yield* Ports.CommandHandler.load(
          Appeals.AnswerJournal.definition,
          Appeals.AnswerJournal.streamId("Исх-2021-00007" as Appeals.Appeal.OutgoingNumber)
        )
        const again = yield* importAll(lines)
        return { first, states, journal, again }
      })
    )
    expect(out.first.rejected).toEqual([])
    expect(out.first.counts).toMatchObject({ imported: 4 })
    const [a1, a2, a3, a4] = out.states
    expect(a1).toMatchObject({
      _tag: "Closed",
      appeal: { kind: "collectiveRepeated", signatories: 12, relatedAppeals: ["A-0"] },
      executors: { executor: "ivanov", coExecutors: ["petrova"] },
      copies: [{ to: "Прокуратура края", on: "2021-03-16" }],
      answerDocument: { outgoingNumber: "Исх-2021-00007", date: "2021-04-01", signedBy: "deputy-1", form: "written" }
    })
    expect(out.journal.state).toMatchObject({ _tag: "Taken", appealId: "A-1" })
    expect(a2).toMatchObject({
      outcome: "returnedCourtDecision",
      notices: [{ kind: "courtDecision", channel: "post" }]
    })
    expect(a3).toMatchObject({ outcome: "referredToPublishedAnswer", notices: [{ kind: "publishedAnswer" }] })
    expect(a4).toMatchObject({ outcome: "noAnswerSecret", notices: [{ kind: "secret", sentOn: "2021-03-17" }] })
    // a re-import stores nothing new
    expect(out.again.rejected).toEqual([])
    expect(out.again.counts).toMatchObject({ imported: 0 })
  })

  it("an outgoing number held by another answer (in the file, or answered before) rejects the record, naming it; nothing of it is stored", async () => {
    for (const batchSize of [1, 500]) {
      const out = await run(
        Effect.gen(function* () {
          const r = yield* importAll([answered("A-1", 1, "Исх-2021-00007"), answered("A-2", 2, "Исх-2021-00007")], {
            batchSize
          })
          return { r, second: yield* stateOf("A-2") }
        })
      )
      expect(out.r.counts).toMatchObject({ imported: 1, rejected: 1 })
      expect(out.r.rejected.map((x) => x.line)).toEqual([2])
      expect(out.r.rejected[0]!.reason).toMatch(/^OutgoingNumberReused|^Conflict/)
      expect(out.second._tag).toBe("Unregistered")
    }
    // a number another answer holds in the journal already
    const held = await run(
      Effect.gen(function* () {
        yield* Ports.CommandHandler.handle(
          Appeals.AnswerJournal.definition,
          Appeals.AnswerJournal.streamId("Исх-2021-00007" as Appeals.Appeal.OutgoingNumber),
          Appeals.AnswerJournal.TakeOutgoingNumber.make({
            outgoingNumber: "Исх-2021-00007" as Appeals.Appeal.OutgoingNumber,
            appealId: "HTTP-1" as never,
            at: new Date("2021-03-20T00:00:00Z"),
            actor: "head-economy" as never
          })
        )
        return yield* importAll([answered("A-1", 1, "Исх-2021-00007")])
      })
    )
    expect(held.counts).toMatchObject({ imported: 0, rejected: 1 })
    expect(held.rejected[0]!.reason).toMatch(/^OutgoingNumberReused/)
  })

  it("CSV: the new columns give the same facts; a bad disposition or a notice without one is rejected naming the column", async () => {
    const header =
      "registrationNumber;receivedAt;channel;topics;text;appealId;applicantName;applicantEmail;applicantAddress;kind;signatories;relatedAppeals;division;executor;coExecutors;copiesTo;answeredAt;result;answerForm;outgoingNumber;answerDate;signedBy;disposition;dispositionAt;dispositionDetail;noticeChannel;noticeSentAt"
    const base = `2021-03-15T10:00:00+10:00;written;0005.0005.0056.1134;Прошу отремонтировать крышу;`
    const who = `${applicant.name};${applicant.email};${applicant.postalAddress}`
    const rows = [
      header,
      `ОГ-2021-00001;${base}A-1;${who};collective;12;A-0 A-00;economy;ivanov;petrova;Прокуратура края|УМВД;2021-04-01T12:00:00+10:00;explained;written;Исх-2021-00003;2021-04-01;deputy-1;;;;;`,
      `ОГ-2021-00002;${base}A-2;${who};;;;;;;;;;;;;;returnCourtDecision;2021-03-17T12:00:00+10:00;Обжалуется в апелляционном порядке;email;2021-03-17T13:00:00+10:00`,
      `ОГ-2021-00003;${base}A-3;${who};;;;;;;;;;;;;;secret;2021-03-17T12:00:00+10:00;state;;`,
      `ОГ-2021-00004;${base}A-4;${who};;;;;;;;;;;;;;;;;email;2021-03-17T13:00:00+10:00`
    ]
    const out = await run(
      Effect.gen(function* () {
        const r = yield* importAll(rows, { csv: true })
        return { r, a1: yield* stateOf("A-1"), a2: yield* stateOf("A-2") }
      })
    )
    expect(out.r.counts).toMatchObject({ imported: 2, rejected: 2 })
    expect(out.r.rejected.map((x) => [x.line, x.reason.split(":")[0]])).toEqual([
      [4, "disposition"],
      [5, "noticeChannel"]
    ])
    expect(out.a1).toMatchObject({
      _tag: "Closed",
      appeal: { kind: "collective", signatories: 12, relatedAppeals: ["A-0", "A-00"] },
      executors: { executor: "ivanov", coExecutors: ["petrova"] },
      copies: [{ to: "Прокуратура края" }, { to: "УМВД" }],
      answerDocument: { outgoingNumber: "Исх-2021-00003", signedBy: "deputy-1" }
    })
    expect(out.a2).toMatchObject({
      outcome: "returnedCourtDecision",
      notices: [{ kind: "courtDecision", channel: "email" }]
    })
  })
})
