/**
 * The reference city of the demo: its divisions, the topics its residents
 * write about (with the division each topic goes to), and the figures of
 * the reference report the generated records must reproduce.
 *
 * @module
 */
import type { DivisionId } from "../kernel/Ids.js"

/** The figures of the reference annual report (2020) that the demo reproduces. */
export const REFERENCE = {
  appeals: {
    2019: { total: 11072 },
    2020: { total: 11384, written: 3780, electronic: 7459, oral: 145 }
  },
  receptions: { 2019: { people: 328 }, 2020: { people: 161 } }
} as const

/** A division of the demo city. */
export interface DemoDivision {
  readonly id: DivisionId
  readonly ru: string
  readonly en: string
}

const d = (id: string, ru: string, en: string): DemoDivision => ({ id: id as DivisionId, ru, en })

/** The structural divisions of the demo city. */
export const divisions: ReadonlyArray<DemoDivision> = [
  d("housing", "Управление жилищно-коммунального хозяйства", "Housing and utilities directorate"),
  d("roads", "Управление дорог и внешнего благоустройства", "Roads and landscaping directorate"),
  d("transport", "Управление транспорта и связи", "Transport directorate"),
  d("property", "Комитет по управлению имуществом", "Property committee"),
  d("architecture", "Управление архитектуры и градостроительства", "Architecture and urban planning directorate"),
  d("social", "Управление социальной поддержки населения", "Social support directorate"),
  d("education", "Управление образования", "Education directorate"),
  d("economy", "Управление экономического развития", "Economic development directorate"),
  d("finance", "Финансовый департамент", "Finance department"),
  d("control", "Контрольное управление", "Control directorate")
]

/** The names of the divisions in a language, by id. */
export const divisionNames = (lang: "ru" | "en"): ReadonlyMap<string, string> =>
  new Map(divisions.map((x) => [x.id as string, x[lang]]))

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
