/**
 * The demo city shows the acts of issue 20: executors, answer documents
 * whose outgoing numbers run without gaps and never twice in each year,
 * notices with every extension and forwarding, signatories on collective
 * appeals, and in January 2021 the court-decision return, the published
 * answer, the secret, copies to other bodies and a repeated appeal linked
 * to the applicant's earlier answered one.
 */
import { describe, expect, it } from "vitest"
import { Appeals, Demo } from "../../src/index.js"

const city = Demo.Generator.generate({ seed: 2020 })
const appeals = city.records.flatMap((r) => (r.kind === "appeal" ? [r.history] : []))
const commands = appeals.flat()

describe("the demo city's acts of issue 20", () => {
  it("executors, answer documents numbered without gaps or repeats per year, notices, signatories", () => {
    expect(commands.filter((c) => c._tag === "AssignExecutors").length).toBeGreaterThan(100)
    const numbers = commands.flatMap((c) =>
      c._tag === "AnswerOnMerits" && c.document ? [c.document.outgoingNumber] : []
    )
    expect(numbers.length).toBeGreaterThan(100)
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const year of ["2019", "2020", "2021"]) {
      const seqs = numbers
        .filter((n) => Appeals.Appeal.outgoingYear(n) === year)
        .map(Appeals.Appeal.outgoingSequence)
        .sort((a, b) => a - b)
      expect(seqs, year).toStrictEqual(seqs.map((_, i) => i + 1))
    }
    for (const c of commands)
      if (c._tag === "ExtendTerm" || c._tag === "ForwardByCompetence") expect(c.notice, c.appealId).toBeDefined()
    const collective = commands.filter(
      (c) => (c._tag === "RegisterAppeal" || c._tag === "RegisterOralAppeal") && c.kind === "collective"
    )
    expect(collective.length).toBeGreaterThan(0)
    for (const c of collective)
      expect((c as Appeals.AppealCommand.RegisterAppeal).signatories).toBeGreaterThanOrEqual(2)
  })

  it("January 2021 shows the other grounds, copies and a repeated appeal, each with its notice", () => {
    const tags = new Set(commands.map((c) => c._tag))
    for (const t of ["ReturnCourtDecisionAppeal", "ReferToPublishedAnswer", "DeclineForSecrecy", "SendCopies"] as const)
      expect(tags.has(t), t).toBe(true)
    for (const c of commands)
      if (
        c._tag === "ReturnCourtDecisionAppeal" ||
        c._tag === "ReferToPublishedAnswer" ||
        c._tag === "DeclineForSecrecy"
      )
        expect(c.notice, c._tag).toBeDefined()
    const repeated = commands.find(
      (c): c is Appeals.AppealCommand.RegisterAppeal => c._tag === "RegisterAppeal" && c.kind === "repeated"
    )
    expect(repeated?.relatedAppeals.length).toBe(1)
    const earlier = appeals.find((h) => h[0].appealId === repeated?.relatedAppeals[0])
    expect(earlier?.[earlier.length - 1]?._tag).toBe("AnswerOnMerits")
  })
})
