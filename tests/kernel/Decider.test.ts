import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Decider } from "../../src/index.js"

type Cmd = { readonly add: number }
type Ev = { readonly added: number }
const bounded: Decider.Decider<Cmd, Ev, number, string> = {
  decide: (c, s) =>
    s + c.add > 100 ? Either.left(`over by ${s + c.add - 100}`) : Either.right(c.add === 0 ? [] : [{ added: c.add }]),
  evolve: (s, e) => s + e.added,
  initialState: 0
}

describe("Decider", () => {
  it.prop(
    "run stops at the first error and replaying its events reproduces the state",
    [fc.array(fc.integer({ min: 0, max: 30 }).map((add) => ({ add })))],
    ([cmds]) => {
      const r = Decider.run(bounded, cmds)
      let total = 0,
        failed = false
      for (const c of cmds) {
        if (total + c.add > 100) {
          failed = true
          break
        }
        total += c.add
      }
      expect(Either.isLeft(r)).toBe(failed)
      if (Either.isRight(r)) {
        expect(r.right.state).toBe(total)
        expect(Decider.replay(bounded, r.right.events)).toBe(r.right.state)
      }
    }
  )

  it("handle leaves the state unchanged on error", () => {
    expect(Decider.handle(bounded, 90, { add: 20 })).toStrictEqual(Either.left("over by 10"))
    expect(Decider.handle(bounded, 90, { add: 5 })).toStrictEqual(Either.right({ events: [{ added: 5 }], state: 95 }))
  })
})
