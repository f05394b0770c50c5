import { Either, Redacted } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealDecider from "../../src/appeals/AppealDecider.js"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import type { Topic } from "../../src/appeals/index.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import type { ActorId, AppealId, DivisionId } from "../../src/kernel/Ids.js"
import * as TimeZone from "../../src/kernel/TimeZone.js"

/** Khabarovsk: Asia/Vladivostok, previousWorkingDay, presidential non-working days on. */
export const settings = Either.getOrThrow(
  Deadlines.makeSettings({
    calendar: Calendar.russia({ presidentialNonWorkingDays: true }),
    timeZone: TimeZone.KHABAROVSK,
    policy: "previousWorkingDay"
  })
)
export const decider = AppealDecider.decider(settings)

export const APPEAL = "appeal-1" as AppealId
export const CLERK = "clerk-1" as ActorId
export const ECONOMY = "economy" as DivisionId

/** An instant at local 10:00 in Khabarovsk on a day. */
export const at = (day: string, hour = 10): Date => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+10:00`)

export const applicant = new Appeal.Applicant({
  name: Redacted.make("Иванова Мария Петровна"),
  postalAddress: Redacted.make("680000, г. Хабаровск, ул. Муравьёва-Амурского, д. 1, кв. 2"),
  email: Redacted.make("ivanova@example.ru")
})

export const register = (
  day: string,
  overrides: Partial<ConstructorParameters<typeof AppealCommand.RegisterAppeal>[0]> = {}
) =>
  new AppealCommand.RegisterAppeal({
    appealId: APPEAL,
    registrationNumber: Appeal.registrationNumber("ОГ", Number(day.slice(0, 4)), 1),
    channel: "written",
    kind: "individual",
    type: "complaint",
    addressee: new Appeal.ToMayor({}),
    applicant,
    text: Redacted.make("Прошу отремонтировать крышу дома"),
    topics: ["0005.0005.0056.1134" as Topic.TopicCode],
    relatedAppeals: [],
    receivedAt: at(day, 9),
    at: at(day),
    actor: CLERK,
    ...overrides
  })

export const assign = (day: string) =>
  new AppealCommand.AssignToDivision({ appealId: APPEAL, division: ECONOMY, at: at(day), actor: CLERK })
export const extend = (day: string, days: number) =>
  new AppealCommand.ExtendTerm({ appealId: APPEAL, days, reason: "запрос в другие органы", at: at(day), actor: CLERK })
export const answer = (day: string) =>
  new AppealCommand.AnswerOnMerits({
    appealId: APPEAL,
    result: "explained",
    form: "written",
    at: at(day),
    actor: CLERK
  })
