/**
 * The `meetings` group: translation between the API and the meetings use
 * cases (`App.Meetings`), the closed loop included.
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App, type Ids, Meetings } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { provideCity, type Settings } from "../Settings.js"
import * as Views from "../Views.js"
import { http } from "./Common.js"

const { Meeting, Reception, Suspension } = Meetings

type Keyed<P> = { readonly path: P; readonly headers: { readonly "idempotency-key"?: string } }

/** The handlers of the `meetings` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "meetings", (h) => {
    const reception =
      (make: (c: App.Meetings.ReceptionCommon) => Meetings.Reception.Command) =>
      (req: Keyed<{ readonly reception: Ids.ReceptionId }>) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Meetings.receptionCommand(p, req.path.reception, make, req.headers["idempotency-key"])),
            Views.reception
          )
        )
    const meeting =
      (make: (c: App.Meetings.MeetingCommon) => Meetings.Meeting.Command) =>
      (req: Keyed<{ readonly meeting: Ids.MeetingId }>) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Meetings.meetingCommand(p, req.path.meeting, make, req.headers["idempotency-key"])),
            Views.meeting
          )
        )
    const suspensionView = (r: { readonly state: Meetings.Suspension.State; readonly version: number }) => ({
      streamVersion: r.version,
      periods: r.state.periods
    })
    return h
      .handle("scheduleReception", ({ headers, payload }) =>
        reception((c) => Reception.ScheduleReception.make({ ...payload, ...c }))({
          path: { reception: payload.reception },
          headers
        })
      )
      .handle("recordCard", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Meetings.recordCard(p, path.reception, payload, headers["idempotency-key"])),
            Views.reception
          )
        )
      )
      .handle("closeReception", (req) => reception((c) => Reception.CloseReception.make(c))(req))
      .handle("postponeReception", (req) =>
        reception((c) => Reception.PostponeReception.make({ ...c, ...req.payload }))(req)
      )
      .handle("moveReceptionOnline", (req) =>
        reception((c) => Reception.MoveReceptionOnline.make({ ...c, link: req.payload.link }))(req)
      )
      .handle("cancelReception", (req) =>
        reception((c) => Reception.CancelReception.make({ ...c, reason: req.payload.reason }))(req)
      )
      .handle("refuseRepeatReception", (req) =>
        reception((c) => Reception.RefuseRepeatReception.make({ ...c, ...req.payload }))(req)
      )
      .handle("handInWrittenAppeal", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Meetings.handInWrittenAppeal(p, path.reception, path.card, payload, headers["idempotency-key"])),
            Views.reception
          )
        )
      )
      .handle("getReception", ({ path }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Meetings.readReception(p, path.reception)), Views.reception)
        )
      )
      .handle("scheduleMeeting", ({ headers, payload }) =>
        meeting((c) => Meeting.ScheduleMeeting.make({ ...payload, ...c }))({
          path: { meeting: payload.meeting },
          headers
        })
      )
      .handle("postponeMeeting", (req) => meeting((c) => Meeting.PostponeMeeting.make({ ...c, ...req.payload }))(req))
      .handle("moveMeetingOnline", (req) =>
        meeting((c) => Meeting.MoveMeetingOnline.make({ ...c, link: req.payload.link }))(req)
      )
      .handle("cancelMeeting", (req) =>
        meeting((c) => Meeting.CancelMeeting.make({ ...c, reason: req.payload.reason }))(req)
      )
      .handle("holdMeeting", (req) => meeting((c) => Meeting.HoldMeeting.make({ ...c, ...req.payload }))(req))
      .handle("raiseQuestion", (req) => meeting((c) => Meeting.RaiseQuestion.make({ ...c, ...req.payload }))(req))
      .handle("closeMeeting", (req) => meeting((c) => Meeting.CloseMeeting.make(c))(req))
      .handle("draftMinutes", (req) => meeting((c) => Meeting.DraftMinutes.make({ ...c, text: req.payload.text }))(req))
      .handle("approveMinutes", (req) => meeting((c) => Meeting.ApproveMinutes.make({ ...c, by: req.payload.by }))(req))
      .handle("disposeQuestion", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(
              App.Meetings.disposeQuestion(
                p,
                path.meeting,
                path.question,
                payload.disposition,
                {
                  ...(payload.plan !== undefined ? { plan: payload.plan } : {}),
                  ...(payload.link !== undefined ? { link: payload.link } : {}),
                  ...(payload.activity !== undefined ? { activity: payload.activity } : {})
                },
                headers["idempotency-key"]
              )
            ),
            Views.meeting
          )
        )
      )
      .handle("getMeeting", ({ path }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Meetings.readMeeting(p, path.meeting)), Views.meeting)
        )
      )
      .handle("statistics", ({ urlParams }) =>
        Effect.flatMap(CurrentPrincipal, (p) => http(App.Meetings.statistics(p, urlParams.period, urlParams.official)))
      )
      .handle("declareSuspension", ({ headers, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(
              App.Meetings.suspend(
                p,
                (c) => Suspension.DeclareSuspension.make({ ...payload, ...c }),
                headers["idempotency-key"]
              )
            ),
            suspensionView
          )
        )
      )
      .handle("shortenSuspension", ({ headers, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(
              App.Meetings.suspend(
                p,
                (c) => Suspension.ShortenSuspension.make({ ...payload, ...c }),
                headers["idempotency-key"]
              )
            ),
            suspensionView
          )
        )
      )
      .handle("suspensions", () =>
        Effect.flatMap(CurrentPrincipal, (p) => Effect.map(http(App.Meetings.readSuspensions(p)), suspensionView))
      )
  }).pipe(provideCity(settings))
