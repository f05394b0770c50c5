/** Request bodies of the planning and meetings endpoints, and a seeded server state they act on. */
import { expect } from "vitest"
import { people, type start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

export const TOPIC = "0005.0005.0056.1134"
export const LINK = "https://meet.example.ru/room"

export const activity = (id: string, overrides: Record<string, unknown> = {}) => ({
  _tag: "Activity",
  id,
  title: "Ремонт дворовых территорий",
  division: "economy",
  month: "2021-03",
  deadline: "2021-03-10",
  link: { _tag: "Goal", id: "g-1" },
  origin: { _tag: "StrategicGoal", goal: "g-1" },
  ...overrides
})

export const doneReport = (id: string, entries: ReadonlyArray<string>, division = "economy") => ({
  report: {
    id,
    division,
    entries: entries.map((a) => ({ activity: a, execution: { _tag: "Done", completedOn: "2021-03-12" } })),
    actuals: []
  }
})

export const reception = (id: string) => ({
  reception: id,
  official: "deputy-1",
  day: "2021-03-15",
  start: "10:00",
  end: "12:00",
  venue: { _tag: "Online", link: LINK }
})

/** A place in the city (for in-person receptions and meetings). */
export const PLACE = { district: "Центральный", address: "ул. Карла Маркса, 66" }

/** A reception slot in person on `day` (default: today). */
export const inPersonReception = (id: string, day = "2021-03-15") => ({
  ...reception(id),
  day,
  venue: { _tag: "InPerson", place: PLACE }
})

/** A written appeal handed in at a reception (the body of `/receptions/{r}/cards/{c}/written-appeals`). */
export const handIn = (overrides: Record<string, unknown> = {}) => ({
  text: "Заявление о ремонте кровли дома",
  topics: [TOPIC],
  ...overrides
})

/** A refusal of a repeat reception referring to the answer on the merits of `reference` (the body of `/receptions/{r}/refusals`). */
export const refusal = (reference: string, overrides: Record<string, unknown> = {}) => ({
  applicant: { name: "Сидоров Иван Ильич", phone: "+7 914 000-00-00" },
  topics: [TOPIC],
  reference,
  answeredOn: "2021-02-10",
  ...overrides
})

export const card = (id: string, answer: Record<string, unknown> = { _tag: "OralAppeal" }) => ({
  card: id,
  applicant: { name: "Сидоров Иван Ильич", phone: "+7 914 000-00-00" },
  identityDocument: { kind: "passport", details: "0800 123456" },
  content: "Просьба отремонтировать подъезд",
  topics: [TOPIC],
  answer
})

export const meeting = (id: string) => ({
  meeting: id,
  title: "Встреча с жителями Индустриального района",
  day: "2021-03-15",
  start: "10:00",
  format: { _tag: "Online", link: LINK },
  officials: ["deputy-1"],
  chair: "deputy-1"
})
/** A meeting in person on `day` (default: today). */
export const inPersonMeeting = (id: string, day = "2021-03-15") => ({
  ...meeting(id),
  day,
  format: { _tag: "InPerson", place: PLACE }
})
export const hold = { heldAt: "2021-03-15T01:00:00.000Z", attendance: { count: 12, roster: ["Кузнецова Анна"] } }
export const question = (id: string) => ({
  question: id,
  topic: TOPIC,
  text: "Когда отремонтируют дорогу?",
  askedBy: "Петров Пётр"
})
export const instruct = (instruction: string, plan = "M-2021-03") => ({
  disposition: {
    _tag: "Instruct",
    instruction,
    division: "economy",
    deadline: "2021-03-25",
    text: "Проверить состояние дороги и включить ремонт в план"
  },
  plan,
  link: { _tag: "Goal", id: "g-1" }
})

const ok = async (s: Server, method: string, path: string, body?: unknown) => {
  const r = await s.call(method, path, { who: people.admin, ...(body !== undefined ? { body } : {}) })
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300)
  return r
}

/** A strategic plan S (2021..2030) with goal g-1, approved; the monthly plan M-2021-03 with activity a-1 (economy, due 2021-03-10), approved. */
export const seedPlans = async (s: Server) => {
  await ok(s, "POST", "/plans", {
    plan: "S",
    kind: "strategic",
    period: "2021..2030",
    title: "Стратегия развития города"
  })
  await ok(s, "POST", "/plans/S/nodes", { node: { _tag: "Direction", id: "d-1", title: "Городская среда" } })
  await ok(s, "POST", "/plans/S/nodes", {
    node: { _tag: "Goal", id: "g-1", direction: "d-1", title: "Комфортные дворы" }
  })
  await ok(s, "POST", "/plans/S/approve", { act: { number: "1-р", date: "2021-01-10" } })
  await ok(s, "POST", "/plans", {
    plan: "M-2021-03",
    kind: "monthly",
    period: "2021-03",
    title: "План на март 2021 года"
  })
  await ok(s, "POST", "/plans/M-2021-03/nodes", { node: activity("a-1") })
  await ok(s, "POST", "/plans/M-2021-03/approve", { act: { number: "15-р", date: "2021-03-01" } })
}

/** The reception rc-1 (online, today) and the meeting m-1 (online, today, held) with the question q-1. */
export const seedMeetings = async (s: Server) => {
  await ok(s, "POST", "/receptions", reception("rc-1"))
  await ok(s, "POST", "/meetings", meeting("m-1"))
  await ok(s, "POST", "/meetings/m-1/hold", hold)
  await ok(s, "POST", "/meetings/m-1/questions", question("q-1"))
}
