import { Either } from "effect"
import { Appeals, Calendar, Ids, Meetings, TimeZone } from "../../src/index.js"
import type { MeetingsModel } from "../../src/testing/index.js"

/** The real appeals decider (Khabarovsk settings). */
export const appealDecider = Appeals.AppealDecider.decider(
  Either.getOrThrow(
    Appeals.Deadlines.makeSettings({
      calendar: Calendar.russia({ presidentialNonWorkingDays: true }),
      timeZone: TimeZone.KHABAROVSK
    })
  )
)

/** Registers through the real appeals decider: answers the registration event or throws naming the rejection. */
export const registerAppeal = (command: Appeals.AppealCommand.AppealCommand): Appeals.AppealEvent.AppealRegistered => {
  const r = appealDecider.decide(command, appealDecider.initialState)
  if (Either.isLeft(r)) throw new Error(`the appeals area rejected ${command._tag}: ${r.left._tag} ${r.left.message}`)
  const registered = r.right.find((e): e is Appeals.AppealEvent.AppealRegistered => e._tag === "AppealRegistered")
  if (registered === undefined) throw new Error("no AppealRegistered")
  return registered
}

/**
 * A loop driver that registers the meetings area's requests through
 * `Meetings.Loop` and the real appeals decider (activities stay in memory
 * until the planning area is wired).
 */
export const appealsLoop = (
  base: MeetingsModel.LoopDriver
): MeetingsModel.LoopDriver & { registered: Array<Appeals.AppealEvent.AppealRegistered> } => {
  const registered: Array<Appeals.AppealEvent.AppealRegistered> = []
  const ctx = (s: MeetingsModel.System) => {
    const n = ++s.sequence
    return {
      appealId: Ids.AppealId.make(`appeal-${n}`),
      registrationNumber: Appeals.Appeal.registrationNumber(
        "ОГ",
        Number(Either.getOrThrow(TimeZone.localDay(s.now, s.timeZone)).slice(0, 4)),
        n
      ),
      actor: Ids.ActorId.make("clerk-1"),
      at: s.now,
      addressee: new Appeals.Appeal.ToMayor()
    }
  }
  const keep = (e: Appeals.AppealEvent.AppealRegistered) => {
    registered.push(e)
    return e.appealId
  }
  return {
    ...base,
    registered,
    oralAppeal: (e, s) => {
      const reg = registerAppeal(Meetings.Loop.registerOralAppeal(e, ctx(s)))
      Either.getOrThrow(Meetings.Loop.linkOralAppeal(e, reg))
      return keep(reg)
    },
    writtenAppeal: (e, s) => {
      const reg = registerAppeal(Meetings.Loop.registerWrittenAppeal(e, ctx(s)))
      Either.getOrThrow(Meetings.Loop.linkWrittenAppeal(e, reg))
      return keep(reg)
    },
    questionAppeal: (e, s) => {
      const reg = registerAppeal(Meetings.Loop.registerQuestionAppeal(e, ctx(s)))
      Either.getOrThrow(Meetings.Loop.linkQuestionAppeal(e, reg))
      return keep(reg)
    },
    appeals: () =>
      registered.map((e) => ({
        appealId: e.appealId,
        channel: e.appeal.channel,
        receptionCard: e.appeal.receptionCard
      }))
  }
}
