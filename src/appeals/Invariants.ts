/**
 * The invariants of an appeal, stated once as predicates over its state and
 * event history. The model-based tests (and third parties' tests of their
 * adapters) check them after every step.
 *
 * @example
 * ```ts
 * import { Appeals } from "cityhall"
 *
 * declare const state: Appeals.AppealState.AppealState
 * declare const events: ReadonlyArray<Appeals.AppealEvent.AppealEvent>
 * Appeals.Invariants.violations(state, events, { maxExtensionDays: 30 }) // [] when all hold
 * ```
 *
 * @module
 */
import { isCollectiveKind } from "./Appeal.js"
import { isFinal } from "./AppealEvent.js"
import type { AppealEvent } from "./AppealEvent.js"
import type { AppealState } from "./AppealState.js"

/** A broken invariant. */
export interface Violation {
  readonly invariant: string
  readonly message: string
}

/** The states every registered appeal is in exactly one of. */
export const REGISTERED_STATES = ["Registered", "UnderConsideration", "Closed"] as const

/**
 * Every invariant of one appeal's state and history; empty when all hold.
 *
 * - at most one final outcome, and it is the last event; after it no event
 * - the state is Closed exactly when there is a final event
 * - due dates never move earlier (the answer's moves only later, by extensions; the others are fixed at
 *   registration); the total extension never exceeds the limit (30 days) // 59-FZ art. 12 p. 2
 * - the state counts its events; a registered appeal is in exactly one registered state
 * - an oral appeal has its reception card, and only an oral one // 59-FZ art. 13 p. 3
 * - a result exists exactly for an answer on the merits
 * - due dates lie after the events they count from
 * - a copy goes to each other body once // 59-FZ art. 8 p. 4
 * - every notice was sent on or after the registration, and is due after it
 * - executors, once named, are of the division the appeal is in, each once
 * - a signatory count fits the kind: two or more exactly for a collective one // 59-FZ art. 2 p. 1
 */
export const violations = (
  state: AppealState,
  events: ReadonlyArray<AppealEvent>,
  limits: { readonly maxExtensionDays: number }
): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const v = (invariant: string, message: string) => out.push({ invariant, message })
  const finals = events.filter(isFinal)
  if (finals.length > 1) v("oneOutcome", `${finals.length} final events`)
  if (finals.length === 1 && !isFinal(events[events.length - 1]!)) v("oneOutcome", "an event follows the final outcome")
  if ((state._tag === "Closed") !== (finals.length === 1))
    v("closedIffFinal", `state ${state._tag} with ${finals.length} final events`)
  if (events.length === 0) {
    if (state._tag !== "Unregistered") v("registered", `state ${state._tag} without events`)
    return out
  }
  if (events[0]!._tag !== "AppealRegistered") v("registeredFirst", `the first event is ${events[0]!._tag}`)
  if (events.filter((e) => e._tag === "AppealRegistered").length !== 1)
    v("registeredOnce", "more than one registration")
  if (state._tag === "Unregistered") {
    v("registered", "events without a registered state")
    return out
  }
  if (!REGISTERED_STATES.includes(state._tag)) v("oneState", `unknown state ${String(state._tag)}`)
  if (state.version !== events.length) v("version", `version ${state.version} after ${events.length} events`)
  let due = ""
  let extension = 0
  for (const e of events) {
    const next =
      e._tag === "AppealRegistered" ? e.dues.answer : e._tag === "AppealTermExtended" ? e.answerDue : undefined
    if (next !== undefined) {
      if (next < due) v("dueNeverEarlier", `answer due moved from ${due} to ${next}`)
      due = next
    }
    if (e._tag === "AppealTermExtended") extension += e.days
  }
  if (state.dues.answer !== due) v("dueNeverEarlier", `state's answer due ${state.dues.answer}, events' ${due}`)
  // the registration, forwarding and notice due dates are fixed at registration and never move
  const registration = events[0]
  if (registration?._tag === "AppealRegistered") {
    for (const k of ["registration", "forwarding", "notice"] as const) {
      if (state.dues[k] !== registration.dues[k])
        v("dueNeverEarlier", `${k} due ${state.dues[k]}, fixed at registration as ${registration.dues[k]}`)
    }
  }
  if (extension > limits.maxExtensionDays || state.extensionDays !== extension) {
    v(
      "extensionLimit",
      `extended by ${extension} days (state says ${state.extensionDays}), limit ${limits.maxExtensionDays}`
    )
  }
  const a = state.appeal
  if ((a.channel === "oral") !== (a.receptionCard !== undefined))
    v("oralHasCard", `channel ${a.channel}, reception card ${a.receptionCard === undefined ? "absent" : "present"}`)
  if (state._tag === "Closed" && (state.outcome === "answered") !== (state.result !== undefined))
    v("resultOnlyWhenAnswered", `outcome ${state.outcome}`)
  if (a.registeredOn < a.receivedOn) v("registeredAfterReceipt", `${a.registeredOn} < ${a.receivedOn}`)
  if (state.dues.answer <= a.registeredOn || state.dues.registration <= a.receivedOn)
    v("duesAfterEvents", "a due date is not after its event")
  const bodies = state.copies.map((c) => c.to)
  if (new Set(bodies).size !== bodies.length) v("copyOnce", `copies to ${bodies.join(", ")}`)
  for (const n of state.notices)
    if (n.sentOn < a.registeredOn || n.due <= a.registeredOn)
      v("noticeAfterRegistration", `${n.kind} notice sent ${n.sentOn}, due ${n.due}, registered ${a.registeredOn}`)
  if (state._tag !== "Registered" && state.executors !== undefined) {
    const people = [state.executors.executor, ...state.executors.coExecutors]
    if (new Set(people).size !== people.length) v("executorsOnce", `executors ${people.join(", ")}`)
    const named = [...events].reverse().find((e) => e._tag === "AppealExecutorsAssigned")
    if (named?._tag !== "AppealExecutorsAssigned" || named.division !== state.division)
      v(
        "executorsInDivision",
        `executors of ${named?._tag === "AppealExecutorsAssigned" ? named.division : "no division"}, appeal in ${state.division ?? "none"}`
      )
  }
  if (a.signatories !== undefined && isCollectiveKind(a.kind) !== a.signatories > 1)
    v("signatoriesFitKind", `${a.kind} with ${a.signatories} signatories`)
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.at.getTime() < events[i - 1]!.at.getTime()) v("timeOrder", `event ${i} precedes event ${i - 1}`)
  }
  return out
}

/** How many appeals are in each state: the counts add up to the number of registered appeals. */
export const countByState = (states: Iterable<AppealState>): Readonly<Record<AppealState["_tag"], number>> => {
  const c = { Unregistered: 0, Registered: 0, UnderConsideration: 0, Closed: 0 }
  for (const s of states) c[s._tag]++
  return c
}
