/**
 * The API's views of what the use cases answer: an appeal (with its
 * personal data only when the principal sees it), a list item, a plan, a
 * reception, a meeting, an election calendar. Pure translation.
 *
 * @module
 */
import type { App, Appeals } from "../../src/index.js"
import type {
  AppealItem,
  AppealPage,
  AppealView,
  CalendarView,
  DueItem,
  DuePage,
  HistoryView,
  MeetingView,
  PlanView,
  ReceptionView
} from "./Api.js"

/** An appeal as the API shows it. */
export const appeal = (a: App.Appeals.Answer): AppealView => {
  const s = a.state
  const { applicant, text, ...facts } = s.appeal
  return {
    ...facts,
    state: s._tag,
    dues: s.dues,
    provisional: a.provisional,
    term: { entry: a.term.id, days: a.term.days, source: a.term.source },
    internalDues: a.internalDues,
    extensionDays: s.extensionDays,
    version: a.version,
    registeredBy: a.registeredBy,
    notices: s.notices,
    copies: s.copies,
    ...(s._tag !== "Registered" && s.division !== undefined ? { division: s.division } : {}),
    ...(s._tag !== "Registered" && s.executors !== undefined ? { executors: s.executors } : {}),
    ...(s._tag === "Closed"
      ? {
          outcome: s.outcome,
          closedAt: s.closedAt,
          closedOn: s.closedOn,
          ...(s.result !== undefined ? { result: s.result } : {}),
          ...(s.questionResults !== undefined ? { questionResults: s.questionResults } : {}),
          ...(s.answerForm !== undefined ? { answerForm: s.answerForm } : {}),
          ...(s.forwardedTo !== undefined ? { forwardedTo: s.forwardedTo } : {}),
          ...(s.answerDocument !== undefined ? { answerDocument: s.answerDocument } : {})
        }
      : {}),
    ...(a.personal ? { personal: { text, ...(applicant !== undefined ? { applicant } : {}) } } : {})
  }
}

/** An appeal's history as the API shows it. */
export const history = (h: App.Appeals.History): HistoryView => ({
  appealId: h.appealId,
  entries: h.entries.map((e) => ({ event: e.event, actor: e.actor, at: e.at, on: e.on, visibility: e.visibility }))
})

/** A row of the appeals' read model as a list item. */
export const item = (row: Appeals.AppealRecords.AppealRow): AppealItem => {
  const {
    addresseeKey: _k,
    month: _m,
    receivedOn: _ro,
    executor: _e,
    extensionDays: _x,
    answerNumber: _an,
    answerDate: _ad,
    registeredAt: _a,
    ...rest
  } = row
  return rest
}

/** What an open appeal has due as the due-soon list shows it: its item, what is due and when, its executor. */
export const dueItem = (row: Appeals.AppealRecords.DueRow): DueItem => {
  const { dueKind, due, executor, ...rest } = row
  return { ...item(rest), dueKind, due, ...(executor !== undefined ? { executor } : {}) }
}

/** A page of what open appeals have due as a page of items. */
export const duePage = (p: App.Appeals.DuePage): DuePage => ({
  items: p.items.map(dueItem),
  ...(p.next !== undefined ? { next: p.next } : {})
})

/** A page of rows as a page of items. */
export const page = (p: App.Appeals.Page): AppealPage => ({
  items: p.items.map(item),
  ...(p.next !== undefined ? { next: p.next } : {})
})

/** A plan as the API shows it: the latest version (or the one in force on a day), the working nodes, reports. */
export const plan = (a: App.Plans.Answer): PlanView => {
  const st = a.state
  const version = a.version
  return {
    plan: st.id,
    kind: st.kind,
    period: st.period,
    title: st.title,
    status: st.status,
    streamVersion: a.streamVersion,
    ...(version !== undefined ? { version: version.number, act: version.act } : {}),
    ...(a.on !== undefined ? { on: a.on } : {}),
    nodes: a.on !== undefined && version !== undefined ? version.nodes : st.inForce,
    working: st.nodes,
    executions: st.executions,
    monthlyReports: st.monthlyReports,
    quarterlyReports: st.quarterlyReports,
    ...(st.results !== undefined ? { results: st.results } : {})
  }
}

/** A reception slot with its cards (personal data only when the principal sees it). */
export const reception = (a: App.Meetings.Answer<App.Meetings.ReceptionRecord>): ReceptionView => {
  const r = a.record
  return {
    reception: r.reception,
    official: r.official,
    day: r.day,
    start: r.start,
    end: r.end,
    venue: r.venue,
    ...(r.topic !== undefined ? { topic: r.topic } : {}),
    status: r.status,
    postponements: r.postponements,
    streamVersion: a.version,
    refusals: r.refusals.length,
    cards: r.cards.map((c) => ({
      card: c.card,
      official: c.official,
      day: c.day,
      format: c.format,
      topics: c.topics,
      recordedAt: c.recordedAt,
      outcome: c.outcome._tag === "AnsweredOrally" ? "answeredOrally" : "oralAppeal",
      ...(c.outcome._tag === "ToOralAppeal" && c.outcome.appeal !== undefined ? { appeal: c.outcome.appeal } : {}),
      handIns: c.handIns.length,
      writtenAppeals: c.handIns.flatMap((h) => (h.appeal !== undefined ? [h.appeal] : [])),
      ...(a.personal
        ? {
            personal: {
              applicant: c.applicant,
              identityDocument: c.identityDocument,
              content: c.content,
              ...(c.outcome._tag === "AnsweredOrally" ? { answer: c.outcome.summary } : {})
            }
          }
        : {})
    }))
  }
}

/** An information meeting with its questions (the roster and who asked only when the principal sees them). */
export const meeting = (a: App.Meetings.Answer<App.Meetings.MeetingRecord>): MeetingView => {
  const m = a.record
  return {
    meeting: m.meeting,
    title: m.title,
    day: m.day,
    start: m.start,
    format: m.format,
    officials: m.officials,
    chair: m.chair,
    status: m.status,
    postponements: m.postponements,
    minutes: m.minutes,
    streamVersion: a.version,
    ...(m.held !== undefined
      ? {
          held: {
            heldAt: m.held.heldAt,
            heldOn: m.held.heldOn,
            attendance: {
              count: m.held.attendance.count,
              ...(a.personal && m.held.attendance.roster !== undefined ? { roster: m.held.attendance.roster } : {})
            }
          }
        }
      : {}),
    questions: m.questions.map((q) => ({
      question: q.question,
      topic: q.topic,
      text: q.text,
      raisedAt: q.raisedAt,
      ...(a.personal && q.askedBy !== undefined ? { askedBy: q.askedBy } : {}),
      ...(q.disposition !== undefined ? { disposition: q.disposition } : {})
    }))
  }
}

/** An election calendar with its merged tasks and statuses. */
export const calendar = (a: App.Elections.Answer): CalendarView => ({
  calendar: a.calendar,
  version: a.version,
  ...(a.state.votingDay !== undefined ? { votingDay: a.state.votingDay } : {}),
  elections: a.state.elections.map((e) => e.id),
  merged: a.merged,
  statuses: a.state.statuses
})
