/**
 * The authorisation matrix of `npm run test:reliability`: every operation
 * of the API (the OpenAPI document's, each declared in
 * `Operations.access`, which the server's role check reads) x every role
 * x {own record, another's record, no division claim}, and without a
 * token, checked against the server. The expected answer is generated
 * from the access policy (`App.Access.rules`, and `App.Access.appeal` /
 * `listScope` on the record for the actions with a record condition):
 *
 * - a public operation answers anyone, without a token, never 401/403;
 * - without a token, every other operation is 401;
 * - a role that no action of the operation lets in is 403 naming that
 *   action, whatever the body;
 * - a role let in by an action without a record condition is never 403;
 * - on an appeal (the record of `/appeals/{id}…`, `/open311/v2/requests/{id}`)
 *   the policy's decision on that appeal's facts, read from its stream
 *   just before: refused, 403 naming the action; allowed, never 403;
 * - a list with a scope (`listScope`): refused, 403; allowed, never 403;
 * - any other record condition (a plan's monthly report, an election task
 *   of a division, records these requests do not find): a 403 names an
 *   action of the operation.
 */
import { OpenApi } from "@effect/platform"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Api } from "../../adapters/http/Api.js"
import * as Operations from "../../adapters/http/Operations.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import { App } from "../../src/index.js"
import type { DivisionId } from "../../src/kernel/Ids.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { people, registration, start, submission, type Who } from "../adapters/http/harness.js"

type Context = "own" | "another's" | "no division claim"
const CONTEXTS: ReadonlyArray<Context> = ["own", "another's", "no division claim"]

/** The operations of the OpenAPI document, with their `operationId`. */
const documented: ReadonlyArray<{ readonly id: string; readonly method: string; readonly path: string }> =
  Object.entries(
    (OpenApi.fromApi(Api) as unknown as { paths: Record<string, Record<string, { operationId: string }>> }).paths
  ).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map(([m, op]) => ({ id: op.operationId, method: m.toUpperCase(), path }))
  )

/** Bodies that decode, for the operations on an appeal (so that the policy's record check is reached). */
const BODIES: Record<string, unknown> = {
  "appeals.assign": { division: "economy" },
  "appeals.forward": { to: "Министерство" },
  "appeals.extend": { days: 5, reason: "запрос" },
  "appeals.answer": { result: "explained", form: "written" },
  "appeals.leaveWithoutAnswer": { ground: "unreadable" },
  "appeals.forwardCrimeReport": { to: "МВД" },
  "appeals.endCorrespondence": {},
  "appeals.answerByReference": { decision: "A-1" },
  "appeals.assignExecutors": { executor: "ivanov" },
  "appeals.returnCourtDecision": { explanation: "Решение суда обжалуется в апелляционном порядке" },
  "appeals.referToPublishedAnswer": { url: "https://khabarovskadm.ru/answers/42" },
  "appeals.declineForSecrecy": { secret: "state" },
  "appeals.sendCopies": { to: ["Прокуратура края"] }
}

/** The required query of the operations that have one (so that a request reaches the use case). */
const QUERIES: Record<string, string> = {
  "appeals.list": "?state=Registered",
  "appeals.overdue": "?on=2021-03-31",
  "appeals.dueSoon": "?on=2021-03-15&days=5",
  "appeals.internalOverdue": "?on=2021-03-31",
  "appeals.analysis": "?period=2021-03&asOf=2021-03-31",
  "appeals.analysisExport": "?period=2021-03&asOf=2021-03-31",
  "appeals.export": "?period=2021-03",
  "appeals.search": "?q=мусор",
  "elections.compliance": "?asOf=2021-03-31",
  "planning.activities": "?month=2021-03",
  "planning.control": "?on=2021-03-31",
  "meetings.statistics": "?period=2021-03"
}

describe("reliability: the authorisation matrix, every operation x role x record", () => {
  let s: Awaited<ReturnType<typeof start>>
  let ownSubmission = ""
  let otherSubmission = ""
  beforeAll(async () => {
    s = await start()
    for (const [id, n] of [
      ["A-1", 1],
      ["A-2", 2],
      ["A-3", 3]
    ] as const)
      expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration(id, n) })).status).toBe(201)
    for (const [id, division] of [
      ["A-2", "economy"],
      ["A-3", "housing"]
    ])
      expect((await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division } })).status).toBe(
        200
      )
    const mine = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
    expect(mine.status).toBe(201)
    ownSubmission = (mine.body as { appealId: string }).appealId
    const theirs = await s.call("POST", "/appeals/submissions", { who: people.otherCitizen, body: submission() })
    expect(theirs.status).toBe(201)
    otherSubmission = (theirs.body as { appealId: string }).appealId
  })
  afterAll(() => s.close())

  /** The caller and the appeal it targets, per role and context. */
  const callerOf = (role: App.Principal.Role, context: Context): { readonly who: Who; readonly appeal: string } => {
    switch (role) {
      case "citizen":
        return context === "another's"
          ? { who: people.citizen, appeal: otherSubmission }
          : { who: people.citizen, appeal: ownSubmission }
      case "divisionHead":
        return context === "own"
          ? { who: people.head, appeal: "A-2" }
          : context === "another's"
            ? { who: people.head, appeal: "A-3" }
            : { who: { subject: "head-none", role: "divisionHead" }, appeal: "A-2" }
      default: {
        const who = role === "clerk" ? people.clerk : role === "controller" ? people.controller : people.admin
        return { who, appeal: context === "own" ? "A-2" : context === "another's" ? "A-3" : "A-1" }
      }
    }
  }

  const principalOf = (who: Who) =>
    new App.Principal.Principal({
      subject: who.subject,
      role: who.role,
      ...(who.division !== undefined ? { division: who.division as DivisionId } : {})
    } as never)

  /** The policy's facts of an appeal now (read from its stream). */
  const factsOf = (id: string) =>
    s.runtime.runPromise(
      Effect.map(CommandHandler.load(AppealRecords.definition, id), ({ state }) => {
        if (state._tag === "Unregistered") throw new Error(`no appeal ${id}`)
        return App.Appeals.factsOf(state)
      })
    )

  it("every operation of the OpenAPI document is declared, public or with the actions it requires", () => {
    expect(documented.length).toBeGreaterThan(90)
    const declared = new Set(Object.keys(Operations.access))
    for (const op of documented) expect(declared.has(op.id), `${op.id} (${op.method} ${op.path})`).toBe(true)
    expect([...declared].sort()).toEqual(documented.map((o) => o.id).sort())
    expect(Operations.operations.map((o) => o.id).sort()).toEqual(documented.map((o) => o.id).sort())
    const publics = Object.entries(Operations.access)
      .filter(([, r]) => r === "public")
      .map(([id]) => id)
      .sort()
    expect(publics).toEqual(["health.health", "health.ready", "open311.services", "open311.servicesJson"])
    // the route each operation's path goes to is that operation (the server's role check finds it)
    for (const op of Operations.operations) {
      const path = op.path.replace(/:[^/]+/g, "X-1")
      expect(Operations.operationOf(op.method, path)?.id, `${op.method} ${path}`).toBe(op.id)
    }
  })

  it("every operation x every role x {own, another's, no division claim}, and without a token, agrees with the policy", async () => {
    const figures = {
      checked: 0,
      roleRefused: 0,
      recordRefused: 0,
      allowed: 0,
      recordNotReached: 0,
      publicAnswers: 0,
      unauthorised: 0
    }
    const operations = Operations.operations
    for (const op of operations) {
      const requires = op.requires
      expect(requires, op.id).toBeDefined()
      if (requires === undefined) continue
      const onAppeal = op.path.includes(":id")
      const body = op.method === "POST" ? (BODIES[op.id] ?? {}) : undefined
      const send = (who: Who | undefined, appeal: string) =>
        s.call(op.method, `${op.path.replace(":id", appeal).replace(/:[^/]+/g, "X-1")}${QUERIES[op.id] ?? ""}`, {
          ...(who !== undefined ? { who } : {}),
          ...(body !== undefined ? { body } : {})
        })
      // without a token
      const anonymous = await send(undefined, "A-1")
      const label0 = `${op.id} without a token -> ${anonymous.status} ${anonymous.text.slice(0, 200)}`
      if (requires === "public") {
        expect(anonymous.status, label0).toBe(200)
        figures.publicAnswers++
      } else {
        expect(anonymous.status, label0).toBe(401)
        figures.unauthorised++
      }
      figures.checked++
      for (const role of App.Principal.ROLES) {
        for (const context of CONTEXTS) {
          const { appeal, who } = callerOf(role, context)
          const p = principalOf(who)
          const facts = onAppeal ? await factsOf(appeal) : undefined
          const answer = await send(who, appeal)
          const label = `${op.id} as ${role} ${who.subject} (${context}, ${appeal}) -> ${answer.status} ${answer.text.slice(0, 300)}`
          expect(answer.status, label).toBeLessThan(500)
          expect(answer.status, label).not.toBe(401)
          figures.checked++
          if (requires === "public") {
            expect(answer.status, label).not.toBe(403)
            figures.publicAnswers++
            continue
          }
          // Open311 answers GeoReport v2's array of errors, the API's fields kept in each
          const error = (Array.isArray(answer.body) ? answer.body[0] : answer.body) as { action?: string } | undefined
          const action = error?.action
          const letIn = requires.filter((a) => App.Access.allowed(p, a))
          if (letIn.length === 0) {
            expect(answer.status, label).toBe(403)
            expect(action, label).toBe(requires[0])
            figures.roleRefused++
            continue
          }
          // the decision on the record, by the policy itself, for the first action that lets the role in
          const decides = letIn[0]!
          const rule = App.Access.rules[decides].record
          const decision =
            rule === "none"
              ? "allowed"
              : facts !== undefined && (rule === "appeal" || rule === "ownDivision")
                ? App.Access.appeal(p, decides, facts)._tag === "Right"
                  ? "allowed"
                  : "refused"
                : rule === "scoped" && !onAppeal
                  ? App.Access.listScope(p, decides, undefined)._tag === "Right"
                    ? "allowed"
                    : "refused"
                  : "record"
          if (decision === "allowed") {
            expect(answer.status, label).not.toBe(403)
            figures.allowed++
          } else if (decision === "refused") {
            expect(answer.status, label).toBe(403)
            expect(action, label).toBe(decides)
            figures.recordRefused++
          } else {
            // a record condition these requests do not reach (their records are not found): a 403 names the action
            if (answer.status === 403) expect(requires, label).toContain(action)
            figures.recordNotReached++
          }
        }
      }
    }
    console.log(
      `authorisation matrix: ${operations.length} operations x ${App.Principal.ROLES.length} roles x ${CONTEXTS.length} records + no token: ${JSON.stringify(figures)}`
    )
    expect(figures.checked).toBe(operations.length * (App.Principal.ROLES.length * CONTEXTS.length + 1))
    expect(figures.roleRefused).toBeGreaterThan(0)
    expect(figures.recordRefused).toBeGreaterThan(0)
  }, 300_000)
})
