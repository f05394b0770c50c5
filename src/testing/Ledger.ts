/**
 * A tiny example aggregate, the ledger of an account (open, deposit,
 * withdraw, close), with one table and two counters. The conformance kit
 * runs every adapter with it; `docs/adapters.md` uses it as the worked
 * example. It is deliberately small but touches every storage feature:
 * multi-event commands (closing withdraws the balance first), commands with
 * no events (a zero deposit), typed domain errors, optional fields, instants
 * encoded as ISO strings, row upserts and deletes in one append, and
 * negative counter deltas.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Decider } from "cityhall"
 * import { Ledger } from "cityhall/testing"
 *
 * const at = new Date("2021-03-01T09:00:00Z")
 * Decider.run(Ledger.decider, [Ledger.Open.make({ owner: "o", division: "d", at }), Ledger.Deposit.make({ amount: 5, at })])
 * // Either.right({ state: { _tag: "Open", owner: "o", division: "d", balance: 5 }, events: [...] })
 * ```
 *
 * @module
 */
import { Either, FastCheck as fc, Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as Projection from "../ports/Projection.js"

/** Opens the account. */
export class Open extends Schema.TaggedClass<Open>()("Open", {
  owner: Schema.String,
  division: Schema.String,
  at: Instant
}) {}
/** Deposits an amount (zero is accepted and changes nothing). */
export class Deposit extends Schema.TaggedClass<Deposit>()("Deposit", {
  amount: Schema.Int.pipe(Schema.nonNegative()),
  at: Instant,
  note: Schema.optionalWith(Schema.String, { exact: true })
}) {}
/** Withdraws an amount not above the balance. */
export class Withdraw extends Schema.TaggedClass<Withdraw>()("Withdraw", {
  amount: Schema.Int.pipe(Schema.positive()),
  at: Instant
}) {}
/** Closes the account, withdrawing what is left first. */
export class Close extends Schema.TaggedClass<Close>()("Close", { at: Instant }) {}
/** A ledger command. */
export const Command = Schema.Union(Open, Deposit, Withdraw, Close)
/** @see Command */
export type Command = typeof Command.Type

/** The account was opened. */
export class Opened extends Schema.TaggedClass<Opened>()("Opened", {
  owner: Schema.String,
  division: Schema.String,
  at: Instant
}) {}
/** Money came in. */
export class Deposited extends Schema.TaggedClass<Deposited>()("Deposited", {
  amount: Schema.Int,
  at: Instant,
  note: Schema.optionalWith(Schema.String, { exact: true })
}) {}
/** Money went out. */
export class Withdrawn extends Schema.TaggedClass<Withdrawn>()("Withdrawn", { amount: Schema.Int, at: Instant }) {}
/** The account was closed. */
export class Closed extends Schema.TaggedClass<Closed>()("Closed", { at: Instant }) {}
/** A ledger event. */
export const Event = Schema.Union(Opened, Deposited, Withdrawn, Closed)
/** @see Event */
export type Event = typeof Event.Type

/** The state of a ledger. */
export type State =
  | { readonly _tag: "Unopened" }
  | { readonly _tag: "Open" | "Closed"; readonly owner: string; readonly division: string; readonly balance: number }

/** Why a ledger command was refused. */
export class LedgerError extends Schema.TaggedError<LedgerError>()("LedgerError", {
  reason: Schema.Literal("NotOpen", "AlreadyOpen", "Insufficient", "Closed")
}) {}

const refuse = (reason: LedgerError["reason"]) => Either.left(new LedgerError({ reason }))

/** The ledger decider. */
export const decider: Decider<Command, Event, State, LedgerError> = {
  initialState: { _tag: "Unopened" },
  decide: (command, state) => {
    if (command._tag === "Open") {
      return state._tag === "Unopened"
        ? Either.right([Opened.make({ owner: command.owner, division: command.division, at: command.at })])
        : refuse("AlreadyOpen")
    }
    if (state._tag === "Unopened") return refuse("NotOpen")
    if (state._tag === "Closed") return refuse("Closed")
    switch (command._tag) {
      case "Deposit":
        return Either.right(
          command.amount === 0
            ? []
            : [
                Deposited.make({
                  amount: command.amount,
                  at: command.at,
                  ...(command.note !== undefined ? { note: command.note } : {})
                })
              ]
        )
      case "Withdraw":
        return command.amount > state.balance
          ? refuse("Insufficient")
          : Either.right([Withdrawn.make({ amount: command.amount, at: command.at })])
      case "Close":
        return Either.right([
          ...(state.balance > 0 ? [Withdrawn.make({ amount: state.balance, at: command.at })] : []),
          Closed.make({ at: command.at })
        ])
    }
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "Opened":
        return { _tag: "Open", owner: event.owner, division: event.division, balance: 0 }
      case "Deposited":
        return state._tag === "Unopened" ? state : { ...state, balance: state.balance + event.amount }
      case "Withdrawn":
        return state._tag === "Unopened" ? state : { ...state, balance: state.balance - event.amount }
      case "Closed":
        return state._tag === "Unopened" ? state : { ...state, _tag: "Closed" }
    }
  }
}

/** A row of the open-accounts table. */
export const AccountRow = Schema.Struct({
  owner: Schema.String,
  division: Schema.String,
  balance: Schema.Int,
  status: Schema.Literal("open"),
  lastMonth: Schema.String
})

/** Open accounts, by status, last month of movement, division and owner. */
export const Accounts = Projection.table({
  name: "ledger_accounts",
  schema: AccountRow,
  indexed: ["status", "lastMonth", "division", "owner"]
})

/** Money moved, per month x division x kind. */
export const Movements = Projection.counter({ name: "ledger_movements", dimensions: ["month", "division", "kind"] })

/** Accounts per division x status (decrements when an account closes). */
export const AccountsByStatus = Projection.counter({
  name: "ledger_accounts_by_status",
  dimensions: ["division", "status"]
})

const monthOf = (d: Date): string => d.toISOString().slice(0, 7)

/** The ledger's read models. */
export const accounts = Projection.make<Event, State>({
  name: "ledger_accounts",
  tables: [Accounts],
  counters: [Movements, AccountsByStatus],
  project: ({ envelope, after }) => {
    const e = envelope.event
    if (after._tag === "Unopened") return []
    const key = envelope.stream.id
    const row = (month: string) =>
      Projection.upsert(Accounts, key, {
        owner: after.owner,
        division: after.division,
        balance: after.balance,
        status: "open",
        lastMonth: month
      })
    switch (e._tag) {
      case "Opened":
        return [
          row(monthOf(e.at)),
          Projection.increment(AccountsByStatus, { division: after.division, status: "open" })
        ]
      case "Deposited":
        return [
          row(monthOf(e.at)),
          Projection.increment(Movements, { month: monthOf(e.at), division: after.division, kind: "deposit" }, e.amount)
        ]
      case "Withdrawn":
        return [
          row(monthOf(e.at)),
          Projection.increment(
            Movements,
            { month: monthOf(e.at), division: after.division, kind: "withdraw" },
            e.amount
          )
        ]
      case "Closed":
        return [
          Projection.remove(Accounts, key),
          Projection.increment(AccountsByStatus, { division: after.division, status: "open" }, -1),
          Projection.increment(AccountsByStatus, { division: after.division, status: "closed" })
        ]
    }
  }
})

/** The ledger aggregate. */
export const definition = Aggregate.make({
  category: "ledger",
  decider,
  eventSchema: Event,
  commandSchema: Command,
  eventType: (e: Event) => e._tag,
  projections: [accounts]
})

// ---------------------------------------------------------------------------
// Arbitraries

/** An instant in 2021 (whole seconds). */
export const instant: fc.Arbitrary<Date> = fc
  .integer({ min: Date.UTC(2021, 0, 1) / 1000, max: Date.UTC(2021, 11, 31) / 1000 })
  .map((s) => new Date(s * 1000))

/** A ledger command, drawn so that most are accepted but some are refused. */
export const command: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc
      .record({ owner: fc.constantFrom("o-1", "o-2", "o-3"), division: fc.constantFrom("d-1", "d-2"), at: instant })
      .map((r) => Open.make(r)),
    weight: 3
  },
  {
    arbitrary: fc
      .record({
        amount: fc.integer({ min: 0, max: 100 }),
        at: instant,
        note: fc.option(fc.string({ maxLength: 8 }), { nil: undefined })
      })
      .map(({ note, ...r }) => Deposit.make(note === undefined ? r : { ...r, note })),
    weight: 4
  },
  {
    arbitrary: fc.record({ amount: fc.integer({ min: 1, max: 60 }), at: instant }).map((r) => Withdraw.make(r)),
    weight: 2
  },
  { arbitrary: instant.map((at) => Close.make({ at })), weight: 1 }
)
