/** The answer document and the journal of outgoing answers: an outgoing number is never reused. */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AnswerJournal from "../../src/appeals/AnswerJournal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import type * as AppealState from "../../src/appeals/AppealState.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, AppealId, OfficialId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import { runs } from "../support/runs.js"
import { APPEAL, CLERK, assign, at, decider, register } from "./helpers.js"

const deputy = "deputy-mayor-1" as OfficialId
const answerWith = (day: string, document: Appeal.AnswerDocumentDraft, form: "written" | "electronic" = "written") =>
  new AppealCommand.AnswerOnMerits({ appealId: APPEAL, at: at(day), actor: CLERK, result: "explained", form, document })
const draft = (n: string, date: string) =>
  new Appeal.AnswerDocumentDraft({
    outgoingNumber: n as Appeal.OutgoingNumber,
    date: Period.unsafeDay(date),
    signedBy: deputy
  })

describe("the answer document", () => {
  it("records the outgoing number, the date, the signing official and the answer's form", () => {
    const r = Either.getOrThrow(
      Decider.run(decider, [
        register("2021-03-01"),
        assign("2021-03-02"),
        answerWith("2021-03-26", draft("Исх-2021-00042", "2021-03-25"), "electronic")
      ])
    )
    const s = r.state as AppealState.Closed
    expect(s.answerDocument).toEqual(
      new Appeal.AnswerDocument({
        outgoingNumber: "Исх-2021-00042" as Appeal.OutgoingNumber,
        date: Period.unsafeDay("2021-03-25"),
        signedBy: deputy,
        form: "electronic"
      })
    )
    expect(r.events[2]).toMatchObject({ _tag: "AppealAnswered", form: "electronic", document: { form: "electronic" } })
  })

  it("a date outside registration..answer, or a number of another year, is refused naming the field", () => {
    const errorOf = (d: Appeal.AnswerDocumentDraft) => {
      const r = Decider.run(decider, [register("2021-03-01"), assign("2021-03-02"), answerWith("2021-03-26", d)])
      return Either.isLeft(r) ? r.left : undefined
    }
    expect(errorOf(draft("Исх-2021-00042", "2021-03-27"))).toMatchObject({
      _tag: "InvalidAppealInput",
      field: "document.date"
    })
    expect(errorOf(draft("Исх-2021-00042", "2021-02-28"))).toMatchObject({ field: "document.date" })
    expect(errorOf(draft("Исх-2020-00042", "2021-03-25"))).toMatchObject({ field: "document.outgoingNumber" })
    expect(
      AppealCommand.decode({
        ...AppealCommand.encode(answerWith("2021-03-26", draft("Исх-2021-1", "2021-03-25"))),
        document: { outgoingNumber: "42", date: "2021-03-25", signedBy: "x" }
      })
    ).toMatchObject({
      _tag: "Left",
      left: { field: "document.outgoingNumber" }
    })
  })
})

describe("the journal of outgoing answers", () => {
  const numbers = fc.constantFrom(
    ...[1, 2, 3].map((n) => Appeal.outgoingNumber("Исх", 2021, n)),
    Appeal.outgoingNumber("", 2021, 1)
  )
  const appeals = fc.constantFrom(...["a-1", "a-2", "a-3"].map((a) => a as AppealId))
  const requests = fc.array(
    fc.tuple(numbers, appeals).map(
      ([outgoingNumber, appealId]) =>
        new AnswerJournal.TakeOutgoingNumber({
          outgoingNumber,
          appealId,
          at: new Date("2021-03-25T01:00:00Z"),
          actor: "clerk-1" as ActorId
        })
    ),
    { maxLength: 20 }
  )

  it.prop(
    "an outgoing number is never reused: it stays with the first appeal to take it; every other appeal's request is refused",
    [requests],
    ([rs]) => {
      const { held, refused } = AnswerJournal.holders(rs)
      const first = new Map<string, AppealId>()
      for (const r of rs) if (!first.has(r.outgoingNumber)) first.set(r.outgoingNumber, r.appealId)
      expect(new Map(held)).toEqual(first)
      const others = rs.filter((r) => first.get(r.outgoingNumber) !== r.appealId)
      expect(refused.map((e) => [e.outgoingNumber, e.appealId, e.heldBy])).toEqual(
        others.map((r) => [r.outgoingNumber, r.appealId, first.get(r.outgoingNumber)])
      )
    },
    { fastCheck: { numRuns: runs(300) } }
  )

  it.prop(
    "the next number of a year is never one already used, and is of that prefix and year",
    [
      fc.array(
        fc
          .tuple(
            fc.constantFrom("Исх", "ОГ", ""),
            fc.integer({ min: 2020, max: 2022 }),
            fc.integer({ min: 1, max: 999 })
          )
          .map(([p, y, n]) => Appeal.outgoingNumber(p, y, n))
      ),
      fc.constantFrom("Исх", "ОГ", ""),
      fc.integer({ min: 2020, max: 2022 })
    ],
    ([used, prefix, year]) => {
      const n = AnswerJournal.next(used, prefix, year)
      expect(used).not.toContain(n)
      expect(Appeal.outgoingYear(n)).toBe(String(year))
      expect(n.startsWith(prefix === "" ? `${year}-` : `${prefix}-${year}-`)).toBe(true)
    },
    { fastCheck: { numRuns: runs(300) } }
  )

  it("the same appeal taking its number again changes nothing; stream ids keep numbers apart", () => {
    const take = (appealId: string) =>
      new AnswerJournal.TakeOutgoingNumber({
        outgoingNumber: Appeal.outgoingNumber("Исх", 2021, 42),
        appealId: appealId as AppealId,
        at: new Date("2021-03-25T01:00:00Z"),
        actor: "clerk-1" as ActorId
      })
    const r = Either.getOrThrow(Decider.run(AnswerJournal.decider, [take("a-1"), take("a-1")]))
    expect(r.events).toHaveLength(1)
    expect(Decider.run(AnswerJournal.decider, [take("a-1"), take("a-2")])).toMatchObject({
      _tag: "Left",
      left: { _tag: "OutgoingNumberReused", heldBy: "a-1", appealId: "a-2" }
    })
    expect(AnswerJournal.streamId(Appeal.outgoingNumber("Исх", 2021, 42))).not.toBe(
      AnswerJournal.streamId(Appeal.outgoingNumber("", 2021, 42))
    )
  })
})
