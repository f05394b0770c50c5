/**
 * What a server is configured with, resolved once: the city the use cases
 * act for (`App.City`), and the clock the requests read.
 *
 * @module
 */
import { type Effect, Either, Layer } from "effect"
import { App, type Appeals, type Calendar, type Organisation, type TimeZone } from "../../src/index.js"

/** The appeal aggregate the server drives (e.g. `AppealRecords.makeDefinition(settings)`). */
export type AppealDefinition = App.City.City["appeals"]
/** The election-calendar aggregate the server drives. */
export type CalendarDefinition = App.City.City["elections"]

/** What a server is configured with. */
export interface ServerOptions {
  /** The city, resolved (`App.City.make`); the fields below make one when it is absent. */
  readonly city?: App.City.City
  /**
   * The production calendar (default: the shipped one, official 2019-2026,
   * provisional after). A city's official years come in with
   * `Calendar.fromData`; the appeals' due dates are then derived from it,
   * and `/health` warns when its official data ends within 90 days.
   */
  readonly calendar?: Calendar.ProductionCalendar
  /** The appeal aggregate (default: the city's). */
  readonly appeals?: AppealDefinition
  /** The election calendar aggregate (default: the city's). */
  readonly elections?: CalendarDefinition
  /** The classifier behind the topics and the Open311 services (default: the typical classifier). */
  readonly classifier?: Appeals.Topic.Classifier
  /** The administration's time zone (default Asia/Vladivostok, Khabarovsk time). */
  readonly timeZone?: TimeZone.TimeZoneName
  /** The organisation: with it, a controller reads the divisions the duty distribution gives them. */
  readonly organisation?: Organisation.Organisation
  /** The prefix of registration numbers of appeals submitted over the API (default `E`). */
  readonly submissionPrefix?: string
  /** The prefix of registration numbers of oral appeals registered from reception cards (default `U`). */
  readonly oralAppealPrefix?: string
  /** The prefix of registration numbers of appeals registered from meeting questions (default `Q`). */
  readonly questionAppealPrefix?: string
  /** The prefix of registration numbers of written appeals handed in at receptions (default `W`). */
  readonly writtenAppealPrefix?: string
  /** The clock of commands and today's day (default: Effect's `Clock`, so a `TestClock` governs it); tokens always expire by Effect's `Clock`. */
  readonly now?: () => Date
  /** The outbox relay to the broker, when the server runs one: its state on `/health` and `/ready`. */
  readonly relay?: Effect.Effect<RelayStatus>
  /**
   * Who writes the annual reports of `GET /reports/annual/{year}` (after the
   * access check): by default `App.Reports.annualText` on the request loop;
   * `cityhall serve` gives a report worker thread that runs the same call on
   * its own connection to the store, so a report never stalls other
   * requests.
   */
  readonly reports?: ReportWriter
}

/** Writes an annual report's text (`App.Reports.annualText` elsewhere than on the request loop); rejects when it cannot. */
export type ReportWriter = (request: App.Reports.AnnualRequest) => Promise<string>

/** The outbox relay's state, as `/health` shows it. */
export interface RelayStatus {
  /** `running` (holding the lease and publishing), `standby` (another instance holds the lease), `failed` (retrying after an error). */
  readonly state: "running" | "standby" | "failed"
  /** The last outbox position the broker acknowledged. */
  readonly position: number
  /** The event log's head when the state was read. */
  readonly head: number
  /** The last failure, while `failed`. */
  readonly error?: string
}

/** The resolved settings. */
export interface Settings {
  readonly city: App.City.City
  readonly relay: Effect.Effect<RelayStatus> | undefined
  readonly reports: ReportWriter | undefined
}

/** Resolves the options: the city (given, or made from the fields) and the clock. */
export const resolve = (options: ServerOptions = {}): Settings => {
  // the fields are typed (a zone is a TimeZoneName), so making the city cannot fail on them
  const made =
    options.city ??
    Either.getOrThrowWith(
      App.City.make({
        ...(options.calendar !== undefined ? { calendar: options.calendar } : {}),
        ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
        ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
        ...(options.classifier !== undefined ? { classifier: options.classifier } : {}),
        prefixes: {
          ...(options.submissionPrefix !== undefined ? { submission: options.submissionPrefix } : {}),
          ...(options.oralAppealPrefix !== undefined ? { oral: options.oralAppealPrefix } : {}),
          ...(options.questionAppealPrefix !== undefined ? { question: options.questionAppealPrefix } : {}),
          ...(options.writtenAppealPrefix !== undefined ? { written: options.writtenAppealPrefix } : {})
        }
      }),
      (e) => new Error(`cityhall: the server's settings do not resolve: ${e.message}`)
    )
  const city: App.City.City = {
    ...made,
    ...(options.appeals !== undefined ? { appeals: options.appeals } : {}),
    ...(options.elections !== undefined ? { elections: options.elections } : {}),
    ...(options.now !== undefined ? { clock: options.now } : {})
  }
  return { city, relay: options.relay, reports: options.reports }
}

/** Provides the city to a group's handlers. */
export const provideCity = (settings: Settings) => Layer.provide(App.City.layerOf(settings.city))
