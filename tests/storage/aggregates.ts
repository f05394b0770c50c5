/**
 * The areas' aggregates as the conformance kit drives them: each definition
 * with an arbitrary of its commands (mostly accepted, some refused) and the
 * streams to spread them over. Every adapter's conformance run includes them.
 */
import * as AppealStore from "../../src/appeals/AppealStore.js"
import * as ElectionStore from "../../src/elections/ElectionStore.js"
import * as MeetingStore from "../../src/meetings/MeetingStore.js"
import type { AnyConformanceAggregate } from "../../src/testing/ConformanceModel.js"
import { conformanceCommand as appealCommand, conformanceIds as appealIds } from "./appealHistories.js"
import { command as electionCommand, ids as electionIds } from "./electionCommands.js"
import { meetingCommand, meetingIds, receptionCommand, receptionIds } from "./meetingCommands.js"
import { command as planCommand, definition as planDefinition, ids as planIds } from "./planCommands.js"

/** The areas' aggregates for `Conformance.run({ aggregates })`. */
export const aggregates: ReadonlyArray<AnyConformanceAggregate> = [
  { definition: AppealStore.definition, command: appealCommand, ids: appealIds },
  { definition: ElectionStore.definition, command: electionCommand, ids: electionIds },
  { definition: planDefinition, command: planCommand, ids: planIds },
  { definition: MeetingStore.receptionDefinition, command: receptionCommand, ids: receptionIds },
  { definition: MeetingStore.meetingDefinition, command: meetingCommand, ids: meetingIds }
]
