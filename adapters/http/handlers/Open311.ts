/**
 * The `open311` group: the Open311 GeoReport v2 facade over the appeal use
 * cases. The services are the classifier's second level; a request is an
 * appeal. Translation only.
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect, Redacted } from "effect"
import { App, Appeals, Period, TimeZone } from "../../../src/index.js"
import { Api, type AppealItem, type Open311NewRequest, type Open311Request } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { InvalidInput } from "../HttpErrors.js"
import { provideCity, type Settings } from "../Settings.js"
import * as Views from "../Views.js"
import { http, pageSize } from "./Common.js"

/** The services of a classifier: its theme groups (level 2), named with their section. */
export const servicesOf = (classifier: Appeals.Topic.Classifier) =>
  classifier.data.entries
    .filter((e) => Appeals.Topic.levelOf(e.code) === 2)
    .map((e) => {
      const section = Appeals.Topic.nameOf(classifier, Appeals.Topic.atLevel(e.code, 1)) ?? ""
      return {
        service_code: e.code as string,
        service_name: e.name,
        description: `${section}: ${e.name}`,
        metadata: false,
        type: "realtime" as const,
        keywords: e.code as string,
        group: section
      }
    })

/** The handlers of the `open311` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "open311", (h) => {
    const { classifier, timeZone } = settings.city
    const services = servicesOf(classifier)
    const endOfDay = (d: Period.Day) =>
      new Date(TimeZone.startOfLocalDay(Period.addDays(d, 1), timeZone).getTime() - 1000).toISOString()
    const startOfDay = (d: Period.Day) => TimeZone.startOfLocalDay(d, timeZone).toISOString()
    const requestOf = (
      item: AppealItem,
      description: string | undefined,
      requestedAt: Date | undefined
    ): Open311Request => {
      const service = Appeals.Topic.atLevel(item.topics[0], 2)
      const name = Appeals.Topic.nameOf(classifier, service)
      return {
        service_request_id: item.appealId,
        status: item.state === "Closed" ? "closed" : "open",
        ...(item.outcome !== undefined ? { status_notes: item.outcome } : {}),
        service_code: service,
        ...(name !== undefined ? { service_name: name } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(item.division !== undefined ? { agency_responsible: item.division } : {}),
        // the instant of registration (RFC 3339, UTC offset `Z`), in a list as when read by id; the start of
        // the registration day only for an appeal whose stream holds no registration (which a row never lacks)
        requested_datetime: (requestedAt ?? TimeZone.startOfLocalDay(item.registeredOn, timeZone)).toISOString(),
        updated_datetime: startOfDay(item.closedOn ?? item.registeredOn),
        expected_datetime: endOfDay(item.answerDue)
      }
    }
    const request = (p: App.Principal.Principal, id: string) =>
      Effect.map(http(App.Appeals.read(p, id)), (a) =>
        requestOf(
          App.Appeals.summaryOf(a.state),
          a.personal ? Redacted.value(a.state.appeal.text) : undefined,
          a.state.appeal.registeredAt
        )
      )
    const submit = (payload: typeof Open311NewRequest.Type) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* http(App.Access.require(p, "submitAppeal"))
        if (!services.some((s) => s.service_code === payload.service_code)) {
          return yield* Effect.fail(
            new InvalidInput({
              field: "service_code",
              message: `service_code: ${payload.service_code} is not a service of /open311/v2/services`
            })
          )
        }
        const name = [payload.first_name, payload.last_name].filter((x) => x !== undefined).join(" ")
        const topic = yield* Effect.mapError(
          Appeals.Topic.parseAppealTopic(`${payload.service_code}.0000.0000`),
          () => new InvalidInput({ field: "service_code", message: "service_code: malformed" })
        )
        const a = yield* http(
          App.Appeals.submit(p, {
            applicant: new Appeals.Appeal.Applicant({
              ...(name !== "" ? { name: Redacted.make(name) } : {}),
              ...(payload.email !== undefined ? { email: payload.email } : {}),
              ...(payload.address_string !== undefined ? { postalAddress: payload.address_string } : {}),
              ...(payload.phone !== undefined ? { phone: payload.phone } : {})
            }),
            text: payload.description,
            topics: [topic]
          })
        )
        const v = Views.appeal(a)
        return [
          {
            service_request_id: v.appealId as string,
            service_notice: `registered as ${v.registrationNumber}; the answer is due by ${v.dues.answer}${v.provisional ? " (provisional: the production calendar has no official data for that year yet)" : ""}`
          }
        ]
      })
    const list = (urlParams: {
      readonly service_request_id?: string
      readonly service_code?: string
      readonly status?: string
      readonly start_date?: Date
      readonly end_date?: Date
      readonly limit?: number
      readonly after?: string
    }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        const limit = yield* pageSize(urlParams.limit)
        if (urlParams.service_request_id !== undefined) {
          const ids = urlParams.service_request_id
            .split(",")
            .filter((s) => s !== "")
            .slice(0, limit)
          const out: Array<Open311Request> = []
          for (const id of ids) out.push(yield* request(p, id))
          return out
        }
        const statuses = new Set((urlParams.status ?? "open,closed").split(","))
        const one = statuses.size === 1 ? ([...statuses][0] as "open" | "closed") : undefined
        // start_date/end_date compare the day of registration with the local days of the instants
        const from = urlParams.start_date === undefined ? undefined : TimeZone.localDay(urlParams.start_date, timeZone)
        const to = urlParams.end_date === undefined ? undefined : TimeZone.localDay(urlParams.end_date, timeZone)
        const fromDay = from !== undefined && from._tag === "Right" ? from.right : undefined
        const toDay = to !== undefined && to._tag === "Right" ? to.right : undefined
        const matches = (r: Open311Request, item: AppealItem) =>
          statuses.has(r.status) &&
          (urlParams.service_code === undefined || r.service_code === urlParams.service_code) &&
          (fromDay === undefined || item.registeredOn >= fromDay) &&
          (toDay === undefined || item.registeredOn <= toDay)
        // the filters apply before paging: pages are read until `limit` requests match or the appeals end
        const out: Array<Open311Request> = []
        let after = urlParams.after
        for (let pages = 0; out.length < limit && pages < 1000; pages++) {
          const page = yield* http(
            App.Appeals.listAll(p, {
              limit: Math.max(limit, 100),
              ...(one !== undefined ? { status: one } : {}),
              ...(after !== undefined ? { after } : {})
            })
          )
          for (const row of page.items) {
            const item = Views.item(row)
            if (out.length >= limit || !matches(requestOf(item, undefined, undefined), item)) continue
            // a row written before rows kept the instant: read from the appeal's registration event
            out.push(requestOf(item, undefined, yield* http(Appeals.AppealRecords.registeredAtOf(row))))
          }
          if (page.next === undefined) break
          after = page.next
        }
        return out
      })
    return h
      .handle("services", () => Effect.succeed(services))
      .handle("servicesJson", () => Effect.succeed(services))
      .handle("submit", ({ payload }) => submit(payload))
      .handle("submitJson", ({ payload }) => submit(payload))
      .handle("requests", ({ urlParams }) => list(urlParams))
      .handle("requestsJson", ({ urlParams }) => list(urlParams))
      .handle("request", ({ path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const id = path.id.endsWith(".json") ? path.id.slice(0, -5) : path.id
          return [yield* request(p, id)]
        })
      )
  }).pipe(provideCity(settings))
