/**
 * The administration's usual tasks for an election, each with its legal
 * source. Terms marked `termByLaw: true` are the law's own; the others are
 * the administration's terms for a duty the law sets without a term (or
 * sets for a commission the administration assists).
 *
 * | task | rule | source |
 * |---|---|---|
 * | premises-for-commissions | в течение 10 дней со дня официального опубликования решения о назначении выборов | 67-FZ art. 61 p. 1 |
 * | polling-station-lists | не позднее чем за 40 дней до дня голосования | 67-FZ art. 19 p. 7 |
 * | premises-on-website | в течение 3 дней со дня выполнения мероприятия «polling-station-lists» | 67-FZ art. 19 p. 7 |
 * | campaign-material-places | не позднее чем за 30 дней до дня голосования | 67-FZ art. 54 p. 7 |
 * | voter-information | не позднее чем за 10 дней до дня голосования | 67-FZ art. 64 p. 2 |
 * | equipment-and-transport | не позднее чем за 1 день до первого дня голосования | 67-FZ art. 20 p. 16 |
 * | security-with-police | не позднее чем за 1 день до первого дня голосования | 67-FZ art. 20 p. 16, art. 61 p. 1 |
 *
 * Responsible divisions are placeholders ({@link Roles}); an
 * administration maps them to its own divisions with {@link withDivisions}.
 *
 * @example
 * ```ts
 * import { Elections, Ids } from "cityhall"
 *
 * const mine = Elections.Template.withDivisions(Elections.Template.tasks, {
 *   property: "municipal-property-committee" as Ids.DivisionId
 * })
 * ```
 *
 * @module
 */
import type { DivisionId, TaskId } from "../kernel/Ids.js"
import * as Rule from "./Rule.js"
import { TaskDefinition } from "./Task.js"

/** The placeholder divisions of the template. */
export const Roles = {
  organisation: "organisational-department" as DivisionId,
  property: "property-committee" as DivisionId,
  information: "press-service" as DivisionId,
  transport: "transport-department" as DivisionId,
  security: "public-safety-department" as DivisionId
} as const

/** A placeholder division of the template. */
export type Role = keyof typeof Roles

const id = (s: string) => s as TaskId

/** Premises for precinct commissions (for their work and for voting). 67-FZ art. 61 p. 1 */
export const premisesForCommissions = new TaskDefinition({
  id: id("premises-for-commissions"),
  title: "Предоставление участковым избирательным комиссиям помещений для работы и для голосования",
  timing: Rule.withinDaysFrom(10, Rule.callingPublished),
  responsible: Roles.property,
  dependsOn: [],
  source: "67-FZ art. 61 p. 1",
  termByLaw: false
})

/** Publication of the lists of polling stations. 67-FZ art. 19 p. 7 */
export const pollingStationLists = new TaskDefinition({
  id: id("polling-station-lists"),
  title:
    "Опубликование списков избирательных участков с указанием их границ, номеров, мест нахождения участковых комиссий и помещений для голосования",
  timing: Rule.notLaterThanBefore(40, Rule.votingDay("last")),
  responsible: Roles.organisation,
  dependsOn: [premisesForCommissions.id],
  source: "67-FZ art. 19 p. 7",
  termByLaw: true
})

/** The premises for voting on the administration's website, after the lists. 67-FZ art. 19 p. 7 */
export const premisesOnWebsite = new TaskDefinition({
  id: id("premises-on-website"),
  title:
    "Размещение сведений об избирательных участках и помещениях для голосования на официальном сайте администрации",
  timing: Rule.withinDaysFrom(3, Rule.task(pollingStationLists.id)),
  responsible: Roles.information,
  dependsOn: [pollingStationLists.id],
  source: "67-FZ art. 19 p. 7",
  termByLaw: false
})

/** Special places for printed campaign materials at every polling station. 67-FZ art. 54 p. 7 */
export const campaignMaterialPlaces = new TaskDefinition({
  id: id("campaign-material-places"),
  title:
    "Выделение специальных мест для размещения печатных агитационных материалов на территории каждого избирательного участка",
  timing: Rule.notLaterThanBefore(30, Rule.votingDay("last")),
  responsible: Roles.organisation,
  dependsOn: [],
  source: "67-FZ art. 54 p. 7",
  termByLaw: true
})

/** Informing voters of the day, time and place of voting, with the precinct commissions. 67-FZ art. 64 p. 2 */
export const voterInformation = new TaskDefinition({
  id: id("voter-information"),
  title: "Содействие участковым комиссиям в оповещении избирателей о дне, времени и месте голосования",
  timing: Rule.notLaterThanBefore(10, Rule.votingDay("last")),
  responsible: Roles.information,
  dependsOn: [pollingStationLists.id],
  source: "67-FZ art. 64 p. 2",
  termByLaw: true
})

/** Technological equipment, transport and communications for the commissions. 67-FZ art. 20 p. 16 */
export const equipmentAndTransport = new TaskDefinition({
  id: id("equipment-and-transport"),
  title: "Обеспечение участковых комиссий технологическим оборудованием, транспортом и средствами связи",
  timing: Rule.notLaterThanBefore(1, Rule.votingDay("first")),
  responsible: Roles.transport,
  dependsOn: [premisesForCommissions.id],
  source: "67-FZ art. 20 p. 16",
  termByLaw: false
})

/** Security of the premises for voting and public order, with the police. 67-FZ art. 20 p. 16, art. 61 p. 1 */
export const securityWithPolice = new TaskDefinition({
  id: id("security-with-police"),
  title: "Охрана помещений для голосования и обеспечение общественного порядка совместно с органами внутренних дел",
  timing: Rule.notLaterThanBefore(1, Rule.votingDay("first")),
  responsible: Roles.security,
  dependsOn: [premisesForCommissions.id],
  source: "67-FZ art. 20 p. 16, art. 61 p. 1",
  termByLaw: false
})

/** The template: the administration's usual tasks for one election. */
export const tasks: ReadonlyArray<TaskDefinition> = [
  premisesForCommissions,
  pollingStationLists,
  premisesOnWebsite,
  campaignMaterialPlaces,
  voterInformation,
  equipmentAndTransport,
  securityWithPolice
]

/** The template with its placeholder divisions replaced by an administration's own. */
export const withDivisions = (
  template: ReadonlyArray<TaskDefinition>,
  divisions: Partial<Record<Role, DivisionId>>
): ReadonlyArray<TaskDefinition> => {
  const map = new Map<DivisionId, DivisionId>()
  for (const role of Object.keys(Roles) as Array<Role>) {
    const d = divisions[role]
    if (d !== undefined) map.set(Roles[role], d)
  }
  return template.map((t) => {
    const d = map.get(t.responsible)
    return d === undefined ? t : new TaskDefinition({ ...t, responsible: d })
  })
}
