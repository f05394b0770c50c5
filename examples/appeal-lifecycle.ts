/**
 * End to end, from the installed package only: an appeal registered,
 * assigned to a division, its term extended, answered on the merits, its
 * due dates read from its state and from the read models, and the month
 * analysed — on the in-process memory store (swap in
 * `SqliteStore.layer({ filename })` from `cityhall/adapters/sqlite` for a
 * file). CI runs it against the packed tarball (`npm run test:consumer`);
 * from a clone: `npm run build && npx tsx examples/appeal-lifecycle.ts`.
 *
 * Every value it prints is checked; a wrong figure exits with status 1.
 */
import { Appeals, Ids, Period, Ports } from "cityhall"
import { MemoryStore } from "cityhall/adapters/memory"
import { Effect, Redacted } from "effect"

const { Appeal, AppealCommand, AppealRecords } = Appeals

const appealId = Ids.AppealId.make("appeal-2021-0117")
const clerk = Ids.ActorId.make("clerk-1")
const economy = Ids.DivisionId.make("economy")
/** An instant at local hour `hour` (Khabarovsk, UTC+10) of a day. */
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+10:00`)

const program = Effect.gen(function* () {
  // 1. register: a written complaint to the Mayor, received and registered on 1 March 2021
  const registered = yield* AppealRecords.register(
    new AppealCommand.RegisterAppeal({
      appealId,
      registrationNumber: Appeal.registrationNumber("ОГ", 2021, 117),
      channel: "written",
      kind: "individual",
      type: "complaint",
      addressee: new Appeal.ToMayor({}),
      applicant: new Appeal.Applicant({
        name: Redacted.make("Иванова Мария Петровна"),
        postalAddress: Redacted.make("680000, г. Хабаровск, ул. Муравьёва-Амурского, д. 1, кв. 2")
      }),
      text: Redacted.make("Прошу отремонтировать крышу дома"),
      topics: [Appeals.Topic.TopicCode.make("0005.0005.0056.1134")],
      relatedAppeals: [],
      receivedAt: at("2021-03-01", 9),
      at: at("2021-03-01"),
      actor: clerk
    })
  )
  const handle = (command: Appeals.AppealCommand.AppealCommand) =>
    Ports.CommandHandler.handle(AppealRecords.definition, appealId, command)

  // 2. assign it to the economy division; 3. extend the term by 30 days (59-FZ art. 12 p. 2)
  yield* handle(new AppealCommand.AssignToDivision({ appealId, division: economy, at: at("2021-03-02"), actor: clerk }))
  const extended = yield* handle(
    new AppealCommand.ExtendTerm({
      appealId,
      days: 30,
      reason: "запрос в другие органы",
      at: at("2021-03-25"),
      actor: clerk
    })
  )

  // 4. the due dates, from the state and from the read model of open appeals
  const dues = Appeals.AppealState.dueDates(extended.state)
  const dueOnDay = yield* AppealRecords.dueOn(Period.unsafeDay("2021-04-30"))

  // 5. answer on the merits
  const answered = yield* handle(
    new AppealCommand.AnswerOnMerits({
      appealId,
      result: "supported",
      form: "written",
      at: at("2021-04-20"),
      actor: clerk
    })
  )

  // 6. the monthly analysis of March 2021, as of 30 April
  const report = yield* AppealRecords.monthly(Period.unsafeMonth("2021-03"), Period.unsafeDay("2021-04-30"))

  return {
    registeredAs: registered.state._tag,
    answerDueAfterExtension: dues?.answer,
    dueOn30April: dueOnDay.map((row) => row.registrationNumber),
    finalState: answered.state._tag,
    marchTotal: report.analysis.total,
    marchByChannel: report.analysis.byChannel
  }
})

const expected = {
  registeredAs: "Registered",
  // registered 1 March: 30 days -> 31 March, extended by 30 days -> 30 April
  answerDueAfterExtension: "2021-04-30",
  dueOn30April: ["ОГ-2021-00117"],
  finalState: "Closed",
  marchTotal: 1,
  marchByChannel: { written: 1 }
}

Effect.runPromise(program.pipe(Effect.provide(MemoryStore.layer))).then(
  (result) => {
    console.log(JSON.stringify(result, null, 2))
    if (JSON.stringify(result) !== JSON.stringify(expected)) {
      console.error(`expected ${JSON.stringify(expected)}`)
      process.exitCode = 1
    }
  },
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  }
)
