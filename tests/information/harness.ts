/** Shared steps of the model-based runs: decide, compare with the model's expectation, apply, check invariants and replay. */
import { Either, Schema } from "effect"
import type { Decider } from "../../src/kernel/Decider.js"
import { replay } from "../../src/kernel/Decider.js"

/** The system under test: a decider, its state and its events so far. */
export interface Real<C, E, S, Err> {
  readonly decider: Decider<C, E, S, Err>
  state: S
  events: Array<E>
}

/** What the model expects of a command: accepted, or refused with a rule. */
export type Expected = { readonly ok: true } | { readonly ok: false; readonly rule: string }
export const accept: Expected = { ok: true }
export const refuse = (rule: string): Expected => ({ ok: false, rule })

/**
 * Decides `command`; checks the answer against `expected` (a refusal must
 * carry the expected rule and produce no events, leaving the state as it
 * was); applies accepted events; then checks `invariants` and that
 * replaying every event reproduces the state (compared by encoding).
 */
export const step = <C, E, S, I, Err extends { readonly _tag: string; readonly message: string }>(
  real: Real<C, E, S, Err>,
  command: C,
  expected: Expected,
  check: { readonly state: Schema.Schema<S, I, never>; readonly invariants: (s: S) => ReadonlyArray<string> }
): ReadonlyArray<E> => {
  const encode = Schema.encodeSync(check.state)
  const before = JSON.stringify(encode(real.state))
  const out = real.decider.decide(command, real.state)
  const label = (command as { readonly _tag?: string })._tag ?? "command"
  if (!expected.ok) {
    if (Either.isRight(out)) throw new Error(`expected ${label} to be refused (${expected.rule}), it was accepted`)
    const rule = (out.left as { readonly rule?: string }).rule
    if (rule !== expected.rule)
      throw new Error(
        `expected ${label} refused by ${expected.rule}, got ${out.left._tag}(${String(rule)}): ${out.left.message}`
      )
    if (JSON.stringify(encode(real.state)) !== before) throw new Error("a refused command changed the state")
    return []
  }
  if (Either.isLeft(out)) throw new Error(`expected ${label} to be accepted, got ${out.left._tag}: ${out.left.message}`)
  for (const e of out.right) {
    real.events.push(e)
    real.state = real.decider.evolve(real.state, e)
  }
  const bad = check.invariants(real.state)
  if (bad.length > 0) throw new Error(`invariants broken after ${label}: ${bad.join("; ")}`)
  if (JSON.stringify(encode(replay(real.decider, real.events))) !== JSON.stringify(encode(real.state))) {
    throw new Error("replaying the events does not reproduce the state")
  }
  return out.right
}
