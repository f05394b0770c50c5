/**
 * The city the use cases act for: its production calendar, time zone,
 * organisation, thematic classifier, appeal settings and the aggregate
 * definitions made from them — resolved once, provided as a service
 * ({@link CityContext}) to every use case. The HTTP server, the CLI and the
 * importer build it from their options (later: the city's configuration
 * file) and call the same use cases with it.
 *
 * Time enters as Effect's `Clock` ({@link now}, {@link today}), so a test
 * moves it with `TestClock`.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { App, Calendar } from "cityhall"
 *
 * const city = App.City.make({ calendar: Calendar.russia(), timeZone: "Asia/Vladivostok" })
 * Either.map(city, (c) => c.prefixes.submission) // Either.right("E")
 * ```
 *
 * @module
 */
import { Clock, Context, Effect, Either, Layer } from "effect"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as Deadlines from "../appeals/Deadlines.js"
import type * as TermPolicy from "../appeals/TermPolicy.js"
import type * as Topic from "../appeals/Topic.js"
import * as ElectionRecords from "../elections/ElectionRecords.js"
import * as Calendar from "../kernel/Calendar.js"
import type * as Organisation from "../kernel/Organisation.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import type * as Term from "../kernel/Term.js"
import * as TimeZone from "../kernel/TimeZone.js"

/** The prefixes of registration numbers the application gives. */
export interface Prefixes {
  /** Appeals submitted by citizens (electronic). Default `E`. */
  readonly submission: string
  /** Oral appeals registered from reception cards. Default `U`. */
  readonly oral: string
  /** Appeals registered from questions of information meetings. Default `Q`. */
  readonly question: string
  /** Written appeals handed in at receptions. Default `W`. */
  readonly written: string
  /** The journal of outgoing answers (their outgoing numbers, `Исх-2021-00042`). Default `Исх`. */
  readonly outgoing: string
}

/** What a city is made from; every field has the default of the reference city. */
export interface CityOptions {
  /** The production calendar (default: the shipped one, official 2019..2026, provisional after). */
  readonly calendar?: Calendar.ProductionCalendar
  /** The administration's IANA zone (default Asia/Vladivostok, Khabarovsk time). */
  readonly timeZone?: string
  /** The organisation: with it, controllers read what the duty distribution gives them, and addressees resolve. */
  readonly organisation?: Organisation.Organisation
  /** The thematic classifier (default: the shipped typical one). */
  readonly classifier?: Topic.Classifier
  /** Where a due date on a day off moves (default `previousWorkingDay`). */
  readonly policy?: Term.EndOfTermPolicy
  /** The term policy's entries: other legal terms and internal terms with their sources (default none: 30 days). */
  readonly terms?: ReadonlyArray<TermPolicy.TermEntry>
  /** Registration-number prefixes. */
  readonly prefixes?: Partial<Prefixes>
  /** The city's clock for commands and today's day (default: Effect's `Clock`, so a `TestClock` governs it). */
  readonly now?: () => Date
}

/** A city, resolved. */
export interface City {
  readonly calendar: Calendar.ProductionCalendar
  readonly timeZone: TimeZone.TimeZoneName
  readonly organisation: Organisation.Organisation | undefined
  readonly classifier: Topic.Classifier
  readonly appealSettings: Deadlines.Settings
  readonly deadlines: Deadlines.Deadlines
  /** The appeal aggregate under the city's settings. */
  readonly appeals: AppealRecords.Definition
  /** The election calendar aggregate in the city's zone. */
  readonly elections: typeof ElectionRecords.definition
  readonly prefixes: Prefixes
  /** A clock of the city's own (a fixed instant in tests and demos); absent: Effect's `Clock`. */
  readonly clock?: () => Date
}

/** The city of the use cases. */
export class CityContext extends Context.Tag("cityhall/app/City")<CityContext, City>() {}

/** Resolves a city; bad settings (an unknown zone) are an `InvalidSettings` naming the field. */
export const make = (options: CityOptions = {}): Either.Either<City, Deadlines.InvalidSettings> =>
  Either.map(
    Deadlines.makeSettings({
      calendar: options.calendar ?? Calendar.russia(),
      timeZone: options.timeZone ?? TimeZone.KHABAROVSK,
      ...(options.policy !== undefined ? { policy: options.policy } : {}),
      ...(options.classifier !== undefined ? { classifier: options.classifier } : {}),
      ...(options.terms !== undefined ? { terms: options.terms } : {})
    }),
    (settings): City => {
      const shipped =
        options.calendar === undefined &&
        options.timeZone === undefined &&
        options.policy === undefined &&
        options.classifier === undefined &&
        (options.terms === undefined || options.terms.length === 0)
      return {
        calendar: settings.calendar,
        timeZone: settings.timeZone,
        organisation: options.organisation,
        classifier: settings.classifier,
        appealSettings: settings,
        deadlines: Deadlines.make(settings),
        appeals: shipped ? AppealRecords.definition : AppealRecords.makeDefinition(settings),
        elections:
          settings.timeZone === TimeZone.KHABAROVSK
            ? ElectionRecords.definition
            : ElectionRecords.makeDefinition({ timeZone: settings.timeZone }),
        prefixes: {
          submission: options.prefixes?.submission ?? "E",
          oral: options.prefixes?.oral ?? "U",
          question: options.prefixes?.question ?? "Q",
          written: options.prefixes?.written ?? "W",
          outgoing: options.prefixes?.outgoing ?? "Исх"
        },
        ...(options.now !== undefined ? { clock: options.now } : {})
      }
    }
  )

/** The reference city (every default). */
export const reference: City = Either.getOrThrow(make())

/** A layer of a city (failing with `InvalidSettings` on bad options). */
export const layer = (options: CityOptions = {}): Layer.Layer<CityContext, Deadlines.InvalidSettings> =>
  Layer.effect(CityContext, make(options))

/** A layer of a city already resolved. */
export const layerOf = (city: City): Layer.Layer<CityContext> => Layer.succeed(CityContext, city)

/** The current instant: the city's own clock when it has one, else Effect's `Clock`. */
export const now: Effect.Effect<Date, never, CityContext> = Effect.flatMap(CityContext, (city) =>
  city.clock !== undefined ? Effect.sync(city.clock) : Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms))
)

/** The current local day in the city's zone. */
export const today: Effect.Effect<Day, never, CityContext> = Effect.gen(function* () {
  const city = yield* CityContext
  const at = yield* now
  return Either.getOrElse(TimeZone.localDay(at, city.timeZone), () => Period.unsafeDay(at.toISOString().slice(0, 10)))
})
