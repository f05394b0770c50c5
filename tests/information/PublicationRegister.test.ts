import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Publication } from "../../src/information/Publication.js"
import type { InformationRuleViolation } from "../../src/information/Errors.js"
import * as R from "../../src/information/PublicationRegister.js"
import type { ActorId, PublicationId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import { accept, type Expected, type Real, refuse, step } from "./harness.js"
import { runs } from "../support/runs.js"

const at = new Date("2020-03-12T02:00:00Z")
const actor = "press-1" as ActorId
const ids = fc.constantFrom("pub-1", "pub-2", "pub-3") as fc.Arbitrary<PublicationId>
const pub = (id: PublicationId) =>
  A.publication({ id: fc.constant(id), from: Period.unsafeDay("2020-01-01"), to: Period.unsafeDay("2020-12-31") })
const withDuplicateTopic = (p: Publication) =>
  new Publication({
    ...p,
    topics: [...p.topics, "0003.0009" as Publication["topics"][number], "0003.0009" as Publication["topics"][number]]
  })

type Model = { readonly live: Set<string>; readonly withdrawn: Set<string> }
type Sut = Real<R.Command, R.Event, R.State, InformationRuleViolation>
const check = {
  state: R.State,
  invariants: (s: R.State) => {
    const out: Array<string> = []
    for (const id of s.withdrawn) if (s.publications[id] !== undefined) out.push(`withdrawn ${id} still in force`)
    return out
  }
}
const run = (m: Model, r: Sut, c: R.Command, e: Expected) => {
  step(r, c, e, check)
  const live = Object.keys(r.state.publications).sort()
  if (JSON.stringify(live) !== JSON.stringify([...m.live].sort()))
    throw new Error(`register holds ${live}, model ${[...m.live]}`)
}

class Record implements fc.Command<Model, Sut> {
  constructor(
    readonly p: Publication,
    readonly dup: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const id = this.p.id
    const expected =
      m.live.has(id) || m.withdrawn.has(id)
        ? refuse("duplicatePublication")
        : this.dup
          ? refuse("duplicateTopic")
          : accept
    if (expected.ok) m.live.add(id)
    run(
      m,
      r,
      new R.RecordPublication({ at, actor, publication: this.dup ? withDuplicateTopic(this.p) : this.p }),
      expected
    )
  }
  toString = () => `Record(${this.p.id}${this.dup ? ", duplicate topic" : ""})`
}
class Correct implements fc.Command<Model, Sut> {
  constructor(
    readonly p: Publication,
    readonly dup: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const id = this.p.id
    const expected = m.withdrawn.has(id)
      ? refuse("publicationWithdrawn")
      : !m.live.has(id)
        ? refuse("unknownPublication")
        : this.dup
          ? refuse("duplicateTopic")
          : accept
    run(
      m,
      r,
      new R.CorrectPublication({ at, actor, publication: this.dup ? withDuplicateTopic(this.p) : this.p }),
      expected
    )
    if (expected.ok) expect(r.state.publications[id]).toEqual(this.p)
  }
  toString = () => `Correct(${this.p.id}${this.dup ? ", duplicate topic" : ""})`
}
class Withdraw implements fc.Command<Model, Sut> {
  constructor(readonly id: PublicationId) {}
  check = () => true
  run(m: Model, r: Sut) {
    const expected = m.withdrawn.has(this.id)
      ? refuse("publicationWithdrawn")
      : !m.live.has(this.id)
        ? refuse("unknownPublication")
        : accept
    if (expected.ok) {
      m.live.delete(this.id)
      m.withdrawn.add(this.id)
    }
    run(m, r, new R.WithdrawPublication({ at, actor, id: this.id, reason: "ошибочная запись" }), expected)
  }
  toString = () => `Withdraw(${this.id})`
}

const commands = fc.commands(
  [
    fc.tuple(ids.chain(pub), fc.boolean()).map(([p, d]) => new Record(p, d)),
    fc.tuple(ids.chain(pub), fc.boolean()).map(([p, d]) => new Correct(p, d)),
    ids.map((id) => new Withdraw(id))
  ],
  { maxCommands: 30 }
)

describe("the register of publications", () => {
  it("model-based: any command sequence is accepted or refused as the model says, refusals change nothing, replay reproduces the state", () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        fc.modelRun(
          () => ({
            model: { live: new Set<string>(), withdrawn: new Set<string>() },
            real: { decider: R.decider, state: R.initialState, events: [] }
          }),
          cmds
        )
      }),
      { numRuns: runs(200) }
    )
  })

  it("a withdrawn id is never reused", () => {
    const p = new Publication({
      id: "pub-9" as PublicationId,
      channel: "website",
      date: Period.unsafeDay("2020-05-01"),
      title: "О дорогах",
      topics: [],
      division: "transport" as Publication["division"]
    })
    const r = R.decider
    const s1 = Either.getOrThrow(
      Either.map(r.decide(new R.RecordPublication({ at, actor, publication: p }), r.initialState), (es) =>
        es.reduce(r.evolve, r.initialState)
      )
    )
    const s2 = Either.getOrThrow(
      Either.map(r.decide(new R.WithdrawPublication({ at, actor, id: p.id, reason: "дубль" }), s1), (es) =>
        es.reduce(r.evolve, s1)
      )
    )
    const again = r.decide(new R.RecordPublication({ at, actor, publication: p }), s2)
    expect(Either.isLeft(again) && again.left.rule).toBe("duplicatePublication")
    expect(R.publications(s2)).toEqual([])
  })

  it("bad input is decoded into a typed error naming the field", () => {
    const bad = R.decodeCommand({
      _tag: "RecordPublication",
      at: "2020-03-12T02:00:00Z",
      actor: "press-1",
      publication: { id: "pub-1", channel: "telegraph", date: "2020-03-12", title: "x", topics: [], division: "d" }
    })
    expect(Either.isLeft(bad) && bad.left._tag).toBe("InvalidInformationCommand")
    expect(Either.isLeft(bad) && bad.left.path).toBe("publication.channel")
    const badTopic = R.decodeCommand({
      _tag: "RecordPublication",
      at: "2020-03-12T02:00:00Z",
      actor: "press-1",
      publication: { id: "pub-1", channel: "tv", date: "2020-03-12", title: "x", topics: ["5.5"], division: "d" }
    })
    expect(Either.isLeft(badTopic) && badTopic.left.path).toBe("publication.topics.0")
  })
})
