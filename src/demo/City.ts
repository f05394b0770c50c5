/**
 * The reference city of the demo: its organisation (divisions, officials,
 * the duty distribution — stored by the demo like any city's, and what its
 * reports name divisions and officials by), the topics its residents write
 * about (with the division each topic goes to), and the figures of the
 * reference report the generated records must reproduce.
 *
 * @module
 */
import type * as TermPolicy from "../appeals/TermPolicy.js"
import type { DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Organisation from "../kernel/Organisation.js"
import * as Period from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"

/** The figures of the reference annual report (2020) that the demo reproduces. */
export const REFERENCE = {
  appeals: {
    2019: { total: 11072 },
    2020: { total: 11384, written: 3780, electronic: 7459, oral: 145 }
  },
  receptions: { 2019: { people: 328 }, 2020: { people: 161 } }
} as const

/**
 * The demo city's term policy: the 30 days of 59-FZ art. 12 p. 1, and one
 * internal term of its own regulation — a division's draft answer is due 5
 * working days before the legal due date (shown and checked as internal,
 * never replacing the legal term).
 */
export const terms: ReadonlyArray<TermPolicy.TermEntry> = [
  {
    id: "division-draft",
    kind: "internal",
    workingDaysBefore: 5,
    source:
      "Регламент рассмотрения обращений граждан в администрации города (демонстрационный), п. 3.6: проект ответа структурного подразделения — не позднее чем за 5 рабочих дней до окончания срока"
  }
]

/** A division of the demo city. */
export interface DemoDivision {
  readonly id: DivisionId
  readonly ru: string
  readonly en: string
  readonly kind: Organisation.DivisionKind
  /** The official who oversees it by the duty distribution. */
  readonly controller: OfficialId
  /** Whether appeals are assigned to it (the staff units — the organisational directorate, information policy — answer none). */
  readonly answersAppeals: boolean
}

const d = (id: string, ru: string, en: string, controller: string, answersAppeals = true): DemoDivision => ({
  id: id as DivisionId,
  ru,
  en,
  kind: ru.startsWith("Комитет") ? "committee" : ru.includes("департамент") ? "department" : "directorate",
  controller: controller as OfficialId,
  answersAppeals
})

/** The structural divisions of the demo city. */
export const divisions: ReadonlyArray<DemoDivision> = [
  d("housing", "Управление жилищно-коммунального хозяйства", "Housing and utilities directorate", "first-deputy-mayor"),
  d("roads", "Управление дорог и внешнего благоустройства", "Roads and landscaping directorate", "first-deputy-mayor"),
  d("transport", "Управление транспорта и связи", "Transport directorate", "first-deputy-mayor"),
  d("property", "Комитет по управлению имуществом", "Property committee", "deputy-mayor-economy"),
  d(
    "architecture",
    "Управление архитектуры и градостроительства",
    "Architecture and urban planning directorate",
    "first-deputy-mayor"
  ),
  d("social", "Управление социальной поддержки населения", "Social support directorate", "deputy-mayor-social"),
  d("education", "Управление образования", "Education directorate", "deputy-mayor-social"),
  d("economy", "Управление экономического развития", "Economic development directorate", "deputy-mayor-economy"),
  d("finance", "Финансовый департамент", "Finance department", "deputy-mayor-economy"),
  d("control", "Контрольное управление", "Control directorate", "mayor"),
  d("organisation", "Организационное управление", "Organisational directorate", "mayor", false),
  d("information", "Управление информационной политики", "Information policy directorate", "mayor", false)
]

const official = (id: string, name: string, nameEn: string, position: Organisation.Position) =>
  new Organisation.Official({ id: id as OfficialId, name, nameEn, position })

/**
 * The officials of the demo city: the Mayor and the deputy mayors who
 * receive citizens and chair the information meetings, and the heads of
 * the districts' administrations who take part in them.
 */
export const officials: ReadonlyArray<Organisation.Official> = [
  official("mayor", "Мэр города", "Mayor", "mayor"),
  official("first-deputy-mayor", "Первый заместитель Мэра города", "First Deputy Mayor", "firstDeputyMayor"),
  official(
    "deputy-mayor-economy",
    "Заместитель Мэра города по экономическому развитию",
    "Deputy Mayor for Economic Development",
    "deputyMayor"
  ),
  official(
    "deputy-mayor-social",
    "Заместитель Мэра города по социальным вопросам",
    "Deputy Mayor for Social Affairs",
    "deputyMayor"
  ),
  official(
    "head-central",
    "Глава администрации Центрального района",
    "Head of the Central district administration",
    "headOfDivision"
  ),
  official(
    "head-district-2",
    "Глава администрации Северного района",
    "Head of the Northern district administration",
    "headOfDivision"
  ),
  official(
    "head-district-3",
    "Глава администрации Южного района",
    "Head of the Southern district administration",
    "headOfDivision"
  ),
  official(
    "head-district-4",
    "Глава администрации Западного района",
    "Head of the Western district administration",
    "headOfDivision"
  ),
  official(
    "head-district-5",
    "Глава администрации Восточного района",
    "Head of the Eastern district administration",
    "headOfDivision"
  )
]

/**
 * Two specialists of a division who execute its appeals (the executor and
 * a co-executor): `<division>-specialist-1` and `-2`.
 */
export const executorsOf = (x: DemoDivision): ReadonlyArray<Organisation.Official> =>
  [1, 2].map(
    (n) =>
      new Organisation.Official({
        id: `${x.id}-specialist-${n}` as OfficialId,
        name: `Специалист ${n}: ${x.ru}`,
        nameEn: `Specialist ${n}, ${x.en}`,
        position: "staff",
        division: x.id
      })
  )

/** The first day the demo city's organisation is in force (and of its duty distribution). */
export const ORGANISATION_FROM = Period.unsafeDay("2019-01-01")
/** The last day of the demo city's duty distribution. */
export const DUTY_TO = Period.unsafeDay("2021-12-31")

/**
 * The organisation of the demo city, in force from {@link ORGANISATION_FROM}:
 * its divisions with their Russian names (and English ones, for reports in
 * English), its officials, and the duty distribution of 2019-2021 (which
 * deputy mayor oversees which divisions).
 */
export const organisation: Organisation.Organisation = new Organisation.Organisation({
  name: "Администрация города Демограда",
  timeZone: TimeZone.KHABAROVSK,
  divisions: divisions.map((x) => new Organisation.Division({ id: x.id, name: x.ru, nameEn: x.en, kind: x.kind })),
  municipalOrganizations: [],
  officials,
  duty: new Organisation.DutyDistribution({
    from: ORGANISATION_FROM,
    to: DUTY_TO,
    assignments: [...new Set(divisions.map((x) => x.controller))].map(
      (controller) =>
        new Organisation.DutyAssignment({
          controller,
          divisions: divisions.filter((x) => x.controller === controller).map((x) => x.id) as [
            DivisionId,
            ...Array<DivisionId>
          ],
          from: ORGANISATION_FROM,
          to: DUTY_TO
        })
    )
  })
})

/** A topic residents write about: a question-level code of the typical classifier, its weight, and the division that answers. */
export interface DemoTopic {
  readonly code: string
  readonly weight: number
  readonly division: DivisionId
}

const tp = (code: string, weight: number, division: string): DemoTopic => ({
  code,
  weight,
  division: division as DivisionId
})

/**
 * The topics with their weights: mostly the city economy — housing and
 * utilities (heating, repairs, management companies), roads and yards,
 * transport — then social questions, land and property, education.
 */
export const topics: ReadonlyArray<DemoTopic> = [
  tp("0005.0005.0056.1134", 16, "housing"), // heating, water, utilities
  tp("0005.0005.0056.1136", 9, "housing"), // repairs of apartment buildings
  tp("0005.0005.0055.1105", 7, "housing"), // management companies
  tp("0005.0005.0054.1095", 5, "property"), // municipal housing, resettlement from dilapidated housing
  tp("0003.0009.0097.0690", 11, "roads"), // roads, improvement of yards
  tp("0003.0009.0097.0691", 6, "roads"), // landscaping, lighting
  tp("0003.0009.0096.0684", 7, "transport"), // public transport
  tp("0003.0011.0127.0828", 4, "roads"), // waste, environment
  tp("0003.0009.0099.0708", 5, "architecture"), // construction, land plots
  tp("0003.0008.0088.0621", 2, "finance"), // local taxes and budget
  tp("0003.0009.0093.0654", 3, "economy"), // trade and services
  tp("0002.0007.0071.0547", 8, "social"), // social support
  tp("0002.0004.0043.0273", 3, "social"), // families, guardianship
  tp("0002.0013.0137.0933", 6, "education"), // kindergartens and schools
  tp("0002.0014.0150.1005", 2, "education"), // sport and culture
  tp("0001.0002.0024.0082", 3, "control"), // work of the administration
  tp("0004.0016.0162.1016", 3, "control") // public order
]
