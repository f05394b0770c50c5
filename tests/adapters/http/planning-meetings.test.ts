/**
 * The planning and meetings endpoints end to end: a plan's lifecycle and
 * reports (the typed 422 naming the missing or extra entry), a plan at a
 * date, the control view; a reception card that becomes an oral appeal
 * linked both ways; a meeting question whose instruction becomes an
 * activity of the monthly plan and whose referral becomes an appeal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { activity, card, doneReport, instruct, question, seedMeetings, seedPlans } from "./fixtures.js"
import { people, start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

describe("planning over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    await seedPlans(s)
  })
  afterAll(() => s.close())

  it("an activity must link to a node of an upper plan (422 naming the rule)", async () => {
    const r = await s.call("POST", "/plans/M-2021-03/activities", {
      who: people.clerk,
      body: { activity: activity("a-9", { link: { _tag: "Goal", id: "g-404" } }) }
    })
    expect(r.status, r.text).toBe(422)
    expect(r.body).toMatchObject({ _tag: "RuleViolated", rule: "NodeRuleViolation.orphan" })
  })

  it("a monthly report must cover every activity of the division: 422 naming the missing and the extra entry", async () => {
    const missing = await s.call("POST", "/plans/M-2021-03/monthly-reports", {
      who: people.head,
      body: doneReport("r-0", [])
    })
    expect(missing.status, missing.text).toBe(422)
    expect(missing.body).toMatchObject({ _tag: "RuleViolated", rule: "MissingReportEntry", subject: "a-1" })
    const extra = await s.call("POST", "/plans/M-2021-03/monthly-reports", {
      who: people.head,
      body: doneReport("r-0", ["a-1", "a-77"])
    })
    expect(extra.status, extra.text).toBe(422)
    expect(extra.body).toMatchObject({ _tag: "RuleViolated", rule: "ExtraReportEntry", subject: "a-77" })
    const other = await s.call("POST", "/plans/M-2021-03/monthly-reports", {
      who: people.otherHead,
      body: doneReport("r-0", ["a-1"])
    })
    expect(other.status).toBe(403)
  })

  it("a division head reports; the control view shows the activity done late; a plan reads at a date", async () => {
    const r = await s.call("POST", "/plans/M-2021-03/monthly-reports", {
      who: people.head,
      body: doneReport("r-1", ["a-1"])
    })
    expect(r.status, r.text).toBe(200)
    expect(r.body).toMatchObject({ executions: { "a-1": { _tag: "Done", completedOn: "2021-03-12" } } })
    const control = await s.call("GET", "/plans/control?on=2021-03-15", { who: people.controller })
    expect(control.status, control.text).toBe(200)
    expect(control.body).toMatchObject({ day: "2021-03-15", doneLate: [{ activity: "a-1", daysLate: 2 }] })
    const list = await s.call("GET", "/plans/activities?month=2021-03&division=economy", { who: people.head })
    expect(list.body).toMatchObject({ month: "2021-03", items: [{ activity: "a-1", execution: "Done" }] })
    expect(
      (await s.call("GET", "/plans/activities?month=2021-03&division=economy", { who: people.otherHead })).status
    ).toBe(403)
    const before = await s.call("GET", "/plans/S?on=2020-12-31", { who: people.clerk })
    expect(before.status).toBe(404)
    const at = await s.call("GET", "/plans/S?on=2021-02-01", { who: people.clerk })
    expect(at.body).toMatchObject({ plan: "S", status: "approved", version: 1, on: "2021-02-01" })
    expect((await s.call("GET", "/plans/nope", { who: people.clerk })).status).toBe(404)
  })

  it("amend, approve again, close", async () => {
    expect(
      (await s.call("POST", "/plans/S/amend", { who: people.clerk, body: { reason: "Новые цели" } })).body
    ).toMatchObject({ status: "amending" })
    expect(
      (
        await s.call("POST", "/plans/S/nodes", {
          who: people.clerk,
          body: { node: { _tag: "Goal", id: "g-2", direction: "d-1", title: "Чистые улицы" } }
        })
      ).status
    ).toBe(200)
    expect(
      (
        await s.call("POST", "/plans/S/approve", {
          who: people.clerk,
          body: { act: { number: "20-р", date: "2021-03-15" } }
        })
      ).body
    ).toMatchObject({ status: "approved", version: 2 })
    const old = (await s.call("GET", "/plans/S?on=2021-02-01", { who: people.clerk })).body as {
      nodes: ReadonlyArray<unknown>
    }
    expect(old.nodes).toHaveLength(2)
    expect(
      (
        await s.call("POST", "/plans/S/close", {
          who: people.clerk,
          body: { results: { summary: "Итоги", results: ["Дворы отремонтированы"] } }
        })
      ).body
    ).toMatchObject({ status: "closed" })
  })
})

describe("the annual report over HTTP", () => {
  it("json, md and html, in Russian and English, from the stored appeals and plans", async () => {
    const s = await start()
    try {
      await seedPlans(s)
      const json = await s.call("GET", "/reports/annual/2021?format=json&lang=en", { who: people.controller })
      expect(json.status, json.text).toBe(200)
      expect(json.body).toMatchObject({ format: "cityhall.report/1" })
      const md = await s.call("GET", "/reports/annual/2021?format=md", { who: people.admin })
      expect(md.status).toBe(200)
      expect(md.text.startsWith("#")).toBe(true)
      const html = await s.call("GET", "/reports/annual/2021?format=html&lang=ru", { who: people.admin })
      expect(html.text).toContain('lang="ru"')
      expect((await s.call("GET", "/reports/annual/1999", { who: people.admin })).status).toBe(400)
      expect((await s.call("GET", "/reports/annual/2021?format=pdf", { who: people.admin })).status).toBe(400)
    } finally {
      await s.close()
    }
  })
})

describe("meetings over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    await seedPlans(s)
    await seedMeetings(s)
  })
  afterAll(() => s.close())

  it("a card that becomes an oral appeal: the appeal is registered and linked both ways", async () => {
    const r = await s.call("POST", "/receptions/rc-1/cards", { who: people.clerk, body: card("c-1") })
    expect(r.status, r.text).toBe(200)
    const view = r.body as { cards: ReadonlyArray<{ card: string; outcome: string; appeal?: string }> }
    expect(view.cards[0]).toMatchObject({ card: "c-1", outcome: "oralAppeal" })
    const appealId = view.cards[0]!.appeal!
    expect(appealId).toMatch(/^U-2021-\d{5}$/)
    const appeal = await s.call("GET", `/appeals/${appealId}`, { who: people.clerk })
    expect(appeal.status, appeal.text).toBe(200)
    expect(appeal.body).toMatchObject({ channel: "oral", receptionCard: "c-1" })
  })

  it("an oral answer without consent is a 422 naming the rule, and nothing is stored", async () => {
    const before = await s.snapshot()
    const r = await s.call("POST", "/receptions/rc-1/cards", {
      who: people.clerk,
      body: card("c-2", { _tag: "OralAnswer", applicantConsented: false, factsObvious: true, summary: "Разъяснено" })
    })
    expect(r.status, r.text).toBe(422)
    expect(r.body).toMatchObject({ _tag: "RuleViolated", rule: "ReceptionRuleViolation.oralAnswerNeedsConsent" })
    expect(await s.snapshot()).toBe(before)
  })

  it("personal data of reception applicants only to clerks and administrators", async () => {
    for (const [w, sees] of [
      [people.clerk, true],
      [people.admin, true],
      [people.controller, false],
      [people.head, false]
    ] as const) {
      const r = await s.call("GET", "/receptions/rc-1", { who: w })
      expect(r.status, r.text).toBe(200)
      expect(r.text.includes("Сидоров"), w.role).toBe(sees)
      expect(r.text.includes("0800 123456"), w.role).toBe(sees)
    }
    for (const [w, sees] of [
      [people.clerk, true],
      [people.controller, false]
    ] as const) {
      const r = await s.call("GET", "/meetings/m-1", { who: w })
      expect(r.text.includes("Петров"), w.role).toBe(sees)
      expect(r.text.includes("Кузнецова"), w.role).toBe(sees)
    }
  })

  it("an instruction becomes an activity of the monthly plan, linked both ways", async () => {
    const bad = await s.call("POST", "/meetings/m-1/questions/q-1/disposition", {
      who: people.clerk,
      body: instruct("i-1", "M-404")
    })
    expect(bad.status, bad.text).toBe(404)
    const r = await s.call("POST", "/meetings/m-1/questions/q-1/disposition", {
      who: people.clerk,
      body: instruct("i-1")
    })
    expect(r.status, r.text).toBe(200)
    expect(r.body).toMatchObject({
      questions: [
        { question: "q-1", disposition: { _tag: "Instructed", activity: { plan: "M-2021-03", activity: "i-1" } } }
      ]
    })
    const plan = await s.call("GET", "/plans/M-2021-03", { who: people.clerk })
    expect(plan.body).toMatchObject({
      nodes: [{ id: "a-1" }, { id: "i-1", origin: { _tag: "MeetingQuestion", meeting: "m-1", question: "q-1" } }]
    })
  })

  it("a question referred as an appeal becomes an appeal; close, minutes, statistics", async () => {
    expect((await s.call("POST", "/meetings/m-1/questions", { who: people.clerk, body: question("q-2") })).status).toBe(
      200
    )
    const early = await s.call("POST", "/meetings/m-1/close", { who: people.clerk, body: {} })
    expect(early.status).toBe(422)
    const r = await s.call("POST", "/meetings/m-1/questions/q-2/disposition", {
      who: people.clerk,
      body: { disposition: { _tag: "ReferAsAppeal" } }
    })
    expect(r.status, r.text).toBe(200)
    const q2 = (
      r.body as { questions: ReadonlyArray<{ question: string; disposition?: { appeal?: string } }> }
    ).questions.find((q) => q.question === "q-2")
    expect(q2?.disposition?.appeal).toMatch(/^Q-2021-\d{5}$/)
    expect((await s.call("POST", "/meetings/m-1/close", { who: people.clerk, body: {} })).body).toMatchObject({
      status: "closed"
    })
    expect(
      (await s.call("POST", "/meetings/m-1/minutes", { who: people.clerk, body: { text: "Протокол встречи" } })).status
    ).toBe(200)
    const notChair = await s.call("POST", "/meetings/m-1/minutes/approve", {
      who: people.clerk,
      body: { by: "deputy-9" }
    })
    expect(notChair.status).toBe(422)
    expect(
      (await s.call("POST", "/meetings/m-1/minutes/approve", { who: people.clerk, body: { by: "deputy-1" } })).body
    ).toMatchObject({ minutes: [{ status: "approved" }] })
    const stats = await s.call("GET", "/meetings/statistics?period=2021-03&official=deputy-1", {
      who: people.controller
    })
    expect(stats.status, stats.text).toBe(200)
    expect(stats.body).toMatchObject({ receptions: { total: 1, oralAppeals: 1 }, meetings: { held: 1, questions: 2 } })
  })

  it("suspensions: declared for the future, read by staff", async () => {
    const r = await s.call("POST", "/suspensions", {
      who: people.clerk,
      body: { from: "2021-04-01", to: "2021-04-30", reason: "Карантин" }
    })
    expect(r.status, r.text).toBe(200)
    const past = await s.call("POST", "/suspensions", {
      who: people.clerk,
      body: { from: "2021-03-01", to: "2021-03-02", reason: "Карантин" }
    })
    expect(past.body).toMatchObject({
      _tag: "RuleViolated",
      rule: "SuspensionRuleViolation.notInTheFuture",
      subject: "from"
    })
    expect(
      (
        await s.call("POST", "/suspensions/shorten", {
          who: people.clerk,
          body: { from: "2021-04-01", to: "2021-04-15" }
        })
      ).body
    ).toMatchObject({ periods: [{ to: "2021-04-15" }] })
    expect((await s.call("GET", "/suspensions", { who: people.head })).status).toBe(200)
  })
})
