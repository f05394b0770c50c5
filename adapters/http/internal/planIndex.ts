/**
 * The plans the server knows, by kind (table `http_plans`): what it reads
 * to build a plan's upper context (the strategic and annual plans whose
 * nodes a lower plan links to) and the control view.
 *
 * @internal
 */
import { Schema } from "effect"
import { Ids, Period } from "../../../src/kernel/index.js"
import * as Planning from "../../../src/planning/index.js"
import * as Ports from "../../../src/ports/index.js"

/** Every plan by kind. */
export const Plans = Ports.Projection.table({
  name: "http_plans",
  schema: Schema.Struct({ plan: Ids.PlanId, kind: Planning.Plan.PlanKind, period: Period.Period }),
  indexed: ["kind"]
})

/** Lists a plan when it is created. */
export const planIndex = Ports.Projection.make<Planning.Plan.Event, Planning.Plan.State>({
  name: "http_plans",
  tables: [Plans],
  counters: [],
  project: ({ envelope }) => {
    const e = envelope.event
    return e._tag === "PlanCreated"
      ? [Ports.Projection.upsert(Plans, envelope.stream.id, { plan: e.plan, kind: e.kind, period: e.period })]
      : []
  }
})
