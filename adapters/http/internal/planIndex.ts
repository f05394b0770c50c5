/**
 * The plans the server knows, by kind (table `http_plans`): what it reads
 * to build a plan's upper context (the strategic and annual plans whose
 * nodes a lower plan links to) and the control view.
 *
 * @internal
 */
import { Schema } from "effect"
import { PlanId } from "../../../src/kernel/Ids.js"
import { Period } from "../../../src/kernel/Period.js"
import * as Plan from "../../../src/planning/Plan.js"
import * as Projection from "../../../src/ports/Projection.js"

/** Every plan by kind. */
export const Plans = Projection.table({
  name: "http_plans",
  schema: Schema.Struct({ plan: PlanId, kind: Plan.PlanKind, period: Period }),
  indexed: ["kind"]
})

/** Lists a plan when it is created. */
export const planIndex = Projection.make<Plan.Event, Plan.State>({
  name: "http_plans",
  tables: [Plans],
  counters: [],
  project: ({ envelope }) => {
    const e = envelope.event
    return e._tag === "PlanCreated"
      ? [Projection.upsert(Plans, envelope.stream.id, { plan: e.plan, kind: e.kind, period: e.period })]
      : []
  }
})
