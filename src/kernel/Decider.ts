/**
 * The shape of every aggregate of cityhall: a decider is three pure
 * functions over Schema-typed data.
 *
 * - `decide(command, state)` answers the events the command causes, or a
 *   typed domain error (nothing is applied then);
 * - `evolve(state, event)` applies one event;
 * - `initialState` is the state of a stream with no events.
 *
 * Time enters only as data: commands carry their instant, and settings (the
 * calendar, the time zone) are closed over when a decider is made.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Decider } from "cityhall"
 *
 * const counter: Decider.Decider<"inc", "incremented", number, never> = {
 *   decide: () => Either.right(["incremented"]),
 *   evolve: (n) => n + 1,
 *   initialState: 0
 * }
 * Decider.run(counter, ["inc", "inc"]) // Either.right({ state: 2, events: ["incremented", "incremented"] })
 * ```
 *
 * @module
 */
import { Either } from "effect"

/** A decider: the pure core of one aggregate. */
export interface Decider<Command, Event, State, Error> {
  readonly decide: (command: Command, state: State) => Either.Either<ReadonlyArray<Event>, Error>
  readonly evolve: (state: State, event: Event) => State
  readonly initialState: State
}

/** The state after applying events to the initial state, in order. */
export const replay = <C, E, S, Err>(
  decider: Decider<C, E, S, Err>,
  events: Iterable<E>,
  from: S = decider.initialState
): S => {
  let s = from
  for (const e of events) s = decider.evolve(s, e)
  return s
}

/**
 * Decides and applies one command: the events and the new state, or the
 * error (and no change).
 */
export const handle = <C, E, S, Err>(
  decider: Decider<C, E, S, Err>,
  state: S,
  command: C
): Either.Either<{ readonly events: ReadonlyArray<E>; readonly state: S }, Err> =>
  Either.map(decider.decide(command, state), (events) => ({ events, state: replay(decider, events, state) }))

/**
 * Runs commands from the initial state, stopping at the first error: all the
 * events and the final state.
 */
export const run = <C, E, S, Err>(
  decider: Decider<C, E, S, Err>,
  commands: Iterable<C>
): Either.Either<{ readonly events: ReadonlyArray<E>; readonly state: S }, Err> => {
  let state = decider.initialState
  const events: Array<E> = []
  for (const c of commands) {
    const r = decider.decide(c, state)
    if (Either.isLeft(r)) return Either.left(r.left)
    for (const e of r.right) {
      events.push(e)
      state = decider.evolve(state, e)
    }
  }
  return Either.right({ events, state })
}
