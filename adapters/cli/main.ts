/**
 * The `cityhall` command (preliminary): prints what the library knows now —
 * the production calendar it ships and the deadline arithmetic on the worked
 * examples. The full CLI (import, reports, demo, serve) replaces this.
 */
import { Either } from "effect"
import { Calendar, Period, ProductionCalendarData, Term } from "../../src/index.js"

const off = Calendar.russia({ presidentialNonWorkingDays: false })
const on = Calendar.russia()
const lines: Array<string> = ["cityhall — organisational work of a city administration", "", "Production calendar of the Russian Federation (working days, five-day week):"]
for (const y of ProductionCalendarData.YEARS) {
  if (y.provisional === true) {
    lines.push(`  ${y.year}: provisional — ${y.source}`)
    continue
  }
  const plain = Either.getOrThrow(Calendar.workingDaysIn(off, Period.unsafeYear(y.year)))
  const layered = Either.getOrThrow(Calendar.workingDaysIn(on, Period.unsafeYear(y.year)))
  lines.push(`  ${y.year}: ${plain}${layered !== plain ? ` (${layered} with the presidential non-working days)` : ""} — ${y.source}`)
}
lines.push("", "Answer deadlines under 59-FZ art. 12 (30 days, Asia/Vladivostok, previous working day):")
for (const registered of ["2021-03-01", "2021-04-08"]) {
  const due = Term.deadline({ event: Period.unsafeDay(registered), term: Term.calendarDays(30), calendar: on })
  lines.push(`  registered ${registered} -> due ${Either.getOrElse(due, (e) => e.message)}`)
}
console.log(lines.join("\n"))
