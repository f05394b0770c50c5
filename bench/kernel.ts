/** Benchmarks of the kernel: the production calendar and deadline arithmetic. */
import { Either } from "effect"
import { Calendar, Period, Term } from "../src/index.js"
import { type Figure, measure } from "./harness.js"

export const run = (quick: boolean): ReadonlyArray<Figure> => {
  const samples = quick ? 5 : 15
  const n = quick ? 20_000 : 100_000
  const cal = Calendar.russia()
  const start = Period.epochDay(Period.unsafeDay("2019-02-01"))
  const span = Period.epochDay(Period.unsafeDay("2026-10-01")) - start
  const days = Array.from({ length: n }, (_, i) => Period.fromEpochDay(start + ((i * 7919) % span)))
  let sink = 0
  const figures = [
    measure("calendar.build (official 2019-2026 checked, decree layer on)", 1, quick ? 3 : 7, () => {
      sink += Either.getOrThrow(Calendar.russiaEither()).officialYears.length
    }),
    measure("calendar.build + every provisional year 2027-2199", 1, quick ? 3 : 7, () => {
      const c = Either.getOrThrow(Calendar.russiaEither())
      sink += Either.getOrThrow(Calendar.workingDaysBetween(c, c.firstDay, c.lastDay))
    }),
    measure("calendar.isWorkingDay", n, samples, () => {
      for (const d of days) if (Either.getOrThrow(Calendar.isWorkingDay(cal, d))) sink++
    }),
    measure("calendar.addWorkingDays(10)", n, samples, () => {
      for (const d of days) sink += Either.getOrThrow(Calendar.addWorkingDays(cal, d, 10)).length
    }),
    measure("calendar.workingDaysBetween(1 year)", n, samples, () => {
      for (const d of days)
        sink += Either.getOrThrow(Calendar.workingDaysBetween(cal, Period.unsafeDay("2019-01-01"), d))
    }),
    measure("term.deadline(30 calendar days, previousWorkingDay)", n, samples, () => {
      const term = Term.calendarDays(30)
      for (const d of days) sink += Either.getOrThrow(Term.deadline({ event: d, term, calendar: cal })).length
    }),
    measure("period.addDays", n, samples, () => {
      for (const d of days) sink += Period.addDays(d, 30).length
    })
  ]
  if (sink === -1) console.error("unreachable")
  return figures
}
